import { createEvent, CouponIssueRequested, Topics } from '@saga/contracts';
import pino from 'pino';
import { DeadLetter } from './dead-letter';
import { EventHandler } from './event-handler';
import { MessageProcessor } from './message-processor';
import { redelivering } from './testing/process-until-done';

describe('EventHandler.onDeadLetter', () => {
  const event = createEvent(CouponIssueRequested, {
    orderId: null,
    causationId: null,
    payload: { couponId: 'C', userId: 'u', requestedAt: new Date().toISOString() },
  });
  const message = {
    topic: Topics.CouponIssueRequested,
    partition: 0,
    offset: '7',
    key: Buffer.from('C'),
    value: Buffer.from(JSON.stringify(event)),
  };
  const uow = { run: (work: (tx: any, outbox: any) => Promise<any>) => work({ execute: async () => 1 }, {}) };

  function processorFor(handler: EventHandler<typeof CouponIssueRequested>, letters: DeadLetter[]) {
    const processor = new MessageProcessor({
      handler,
      handlerId: 'svc.Handler',
      consumerGroup: 'svc',
      uow: uow as any,
      deadLetters: async (letter) => (letters.push(letter), `${letter.topic}.dlq`),
      logger: pino({ level: 'silent' }),
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
    });
    return redelivering(processor);
  }

  it('is told after the dead letter was published, with the reason and attempts', async () => {
    const letters: DeadLetter[] = [];
    const notices: unknown[] = [];
    const handler: EventHandler<typeof CouponIssueRequested> = {
      name: 'Handler',
      event: CouponIssueRequested,
      handle: async () => {
        throw new Error('db down');
      },
      onDeadLetter: async (e, notice) => void notices.push({ eventId: e.eventId, letters: letters.length, ...notice }),
    };
    await expect(processorFor(handler, letters).process(message)).resolves.toBe('dead_lettered');
    expect(notices).toEqual([
      {
        eventId: event.eventId,
        letters: 1,
        topic: 'coupon.issue.requested.dlq',
        reason: 'Error: db down',
        attempts: 2,
      },
    ]);
  });

  it('is not called when the handler succeeds, and its failure keeps the message uncommitted', async () => {
    const onDeadLetter = jest.fn(async () => undefined);
    const ok: EventHandler<typeof CouponIssueRequested> = {
      name: 'Handler',
      event: CouponIssueRequested,
      handle: async () => undefined,
      onDeadLetter,
    };
    await processorFor(ok, []).process(message);
    expect(onDeadLetter).not.toHaveBeenCalled();

    const failing: EventHandler<typeof CouponIssueRequested> = {
      ...ok,
      handle: async () => {
        throw new Error('boom');
      },
      onDeadLetter: async () => {
        throw new Error('hook failed');
      },
    };
    await expect(processorFor(failing, []).process(message)).rejects.toThrow('hook failed');
  });
});
