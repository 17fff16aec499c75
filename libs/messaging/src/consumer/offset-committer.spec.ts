import pino from 'pino';
import { OffsetCommitter } from './offset-committer';

type Commit = { topic: string; partition: number; offset: string };

function setup(intervalMs = 20) {
  const commits: Commit[][] = [];
  const consumer = { commitOffsets: jest.fn(async (offsets: Commit[]) => void commits.push(offsets)) };
  return { commits, consumer, committer: new OffsetCommitter(consumer, intervalMs, pino({ level: 'silent' })) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A handling that finished every message up to `offset`. */
const upTo = (offset: string) => async () => offset;

describe('OffsetCommitter', () => {
  it('commits once per interval, the next offset after the last handled message of each partition', async () => {
    const { commits, committer } = setup();
    await committer.track('t', 0, upTo('5'));
    await committer.track('t', 0, upTo('6'));
    await committer.track('t', 1, upTo('2'));
    expect(commits).toHaveLength(0);
    await sleep(50);
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '7' },
        { topic: 't', partition: 1, offset: '3' },
      ],
    ]);
    await sleep(50);
    expect(commits).toHaveLength(1);
  });

  it('never commits a message whose handling failed, and commits what finished before rethrowing', async () => {
    const { commits, committer } = setup(10_000);
    await committer.track('t', 0, upTo('1'));
    await expect(
      committer.track('t', 0, async () => {
        throw new Error('dead-letter publish failed');
      }),
    ).rejects.toThrow('dead-letter publish failed');
    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '2' }]]);
  });

  it('drain waits for in-flight messages, then commits them', async () => {
    const { commits, committer } = setup(10_000);
    let finish!: () => void;
    const inFlight = committer.track('t', 3, () => new Promise<string>((resolve) => (finish = () => resolve('9'))));
    const drained = committer.drain();
    await sleep(10);
    expect(commits).toHaveLength(0);
    finish();
    await Promise.all([inFlight, drained]);
    expect(commits).toEqual([[{ topic: 't', partition: 3, offset: '10' }]]);
  });

  it('commits nothing for a handling that finished no message (its first message is retried later)', async () => {
    const { commits, committer } = setup(10_000);
    await committer.track('t', 0, async () => null);
    await committer.flush();
    expect(commits).toEqual([]);
  });

  it('drops offsets of partitions revoked by a rebalance', async () => {
    const { commits, committer } = setup(10_000);
    await committer.track('t', 0, upTo('1'));
    await committer.track('t', 1, upTo('1'));
    committer.keepOnly({ t: [1] });
    await committer.flush();
    expect(commits).toEqual([[{ topic: 't', partition: 1, offset: '2' }]]);
  });

  it('a failed commit is logged, not thrown (the messages are redelivered and deduplicated)', async () => {
    const { consumer, committer } = setup(10_000);
    consumer.commitOffsets.mockRejectedValueOnce(new Error('rebalance in progress'));
    await committer.track('t', 0, upTo('1'));
    await expect(committer.flush()).resolves.toBeUndefined();
  });
});
