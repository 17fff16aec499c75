import { matchesFilter, toDeadLetterRecord } from './dead-letter-record';

const headers = {
  'x-dlq-original-topic': 'order.processing',
  'x-dlq-consumer-group': 'product.ReserveStockOnOrderPlaced',
  'x-dlq-error': 'Error: boom',
  'x-dlq-attempts': '5',
  'x-dlq-failed-at': '2026-03-01T10:00:00.000Z',
};
const envelope = { eventId: 'e-1', type: 'OrderPlaced', orderId: 'o-1' };

describe('dead-letter records', () => {
  const record = toDeadLetterRecord(
    'order.processing.dlq',
    0,
    { offset: '3', key: null, value: Buffer.from(JSON.stringify(envelope)) },
    headers,
  );

  it('reads origin and failure from the x-dlq-* headers and identity from the envelope', () => {
    expect(record).toMatchObject({
      originalTopic: 'order.processing',
      consumerGroup: 'product.ReserveStockOnOrderPlaced',
      attempts: 5,
      failedAt: new Date('2026-03-01T10:00:00.000Z'),
      eventId: 'e-1',
      eventType: 'OrderPlaced',
      orderId: 'o-1',
    });
  });

  it('keeps poison values (not JSON) with null identity', () => {
    const poison = toDeadLetterRecord('x.dlq', 0, { offset: '0', key: null, value: Buffer.from('{{') }, headers);
    expect([poison.eventId, poison.eventType, poison.orderId]).toEqual([null, null, null]);
  });

  it.each([
    [{}, true],
    [{ originalTopic: 'order.processing', consumerGroup: 'product.ReserveStockOnOrderPlaced' }, true],
    [{ originalTopic: 'order.payment' }, false],
    [{ consumerGroup: 'coupon.X' }, false],
    [{ eventType: 'OrderPlaced', orderId: 'o-1' }, true],
    [{ orderId: 'o-2' }, false],
    [{ since: new Date('2026-03-01T09:00:00Z'), until: new Date('2026-03-01T10:00:00Z') }, true],
    [{ since: new Date('2026-03-01T10:00:01Z') }, false],
    [{ until: new Date('2026-03-01T09:59:59Z') }, false],
  ])('filter %j matches: %s', (filter, expected) => {
    expect(matchesFilter(record, filter)).toBe(expected);
  });
});
