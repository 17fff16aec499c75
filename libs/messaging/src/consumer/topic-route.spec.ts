import type { BatchResult, IncomingMessage, MessageProcessor } from './message-processor';
import { TopicRoute } from './topic-route';

const chunk: IncomingMessage[] = ['10', '11', '12', '13'].map((offset) => ({
  topic: 't',
  partition: 0,
  offset,
  key: null,
  value: null,
}));

/** A handler's processor that finishes `done` messages of what it is given, then asks for a retry (or not). */
function processor(done: number, retryAfterMs?: number) {
  const seen: string[][] = [];
  const fake: Pick<MessageProcessor, 'processBatch' | 'prepareTogether'> = {
    prepareTogether: () => null,
    processBatch: async (messages): Promise<BatchResult> => {
      seen.push(messages.map((m) => m.offset));
      const n = Math.min(done, messages.length);
      return { outcomes: Array(n).fill('succeeded'), retryAfterMs: n < messages.length ? retryAfterMs : undefined };
    },
  };
  return { fake, seen };
}

describe('TopicRoute', () => {
  it('done when every handler is done with the chunk', async () => {
    const [a, b] = [processor(4), processor(4)];
    await expect(new TopicRoute([a.fake, b.fake]).process(chunk)).resolves.toEqual({ lastDone: '13' });
    expect(b.seen).toEqual([['10', '11', '12', '13']]);
  });

  it('a later handler goes only as far as the earlier ones got; the retry delay is kept', async () => {
    const [a, b] = [processor(2, 400), processor(4)];
    await expect(new TopicRoute([a.fake, b.fake]).process(chunk)).resolves.toEqual({
      lastDone: '11',
      retryAfterMs: 400,
    });
    expect(b.seen).toEqual([['10', '11']]);
  });

  it('the smallest progress of all handlers and the longest delay decide', async () => {
    const [a, b] = [processor(3, 200), processor(1, 800)];
    await expect(new TopicRoute([a.fake, b.fake]).process(chunk)).resolves.toEqual({
      lastDone: '10',
      retryAfterMs: 800,
    });
  });

  it('nothing done: nothing to commit, the first message is retried', async () => {
    const [a, b] = [processor(0, 200), processor(4)];
    await expect(new TopicRoute([a.fake, b.fake]).process(chunk)).resolves.toEqual({
      lastDone: null,
      retryAfterMs: 200,
    });
    expect(b.seen).toEqual([]);
  });
});
