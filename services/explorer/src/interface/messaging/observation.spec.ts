import { createEvent, OrderPlaced, Topics } from '@saga/contracts';
import { observeDeadLetter, observeSagaMessage, positionId } from './observation';

const placed = createEvent(OrderPlaced, {
  orderId: 'o-1',
  causationId: null,
  payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: 1 }], couponId: null, subtotal: 1 },
});
const message = (value: string | null, topic: string = Topics.OrderProcessing) => ({
  topic,
  partition: 1,
  offset: '42',
  key: Buffer.from('o-1'),
  value: value === null ? null : Buffer.from(value),
  headers: {},
  timestamp: '1795000000000',
});

describe('observations', () => {
  it('keeps a valid event with its own eventId (so a replayed copy is an inbox duplicate)', () => {
    const seen = observeSagaMessage(message(JSON.stringify(placed)));
    expect(seen).toMatchObject({ eventId: placed.eventId, orderId: 'o-1', payload: { kind: 'EVENT', event: placed } });
  });

  it('keeps poison and unknown events with the validation error, keyed by position, order from the key', () => {
    const poison = observeSagaMessage(message('{oops'));
    expect(poison.orderId).toBe('o-1');
    expect(poison.eventId).toBe(positionId({ topic: Topics.OrderProcessing, partition: 1, offset: '42' }));
    expect(poison.payload).toMatchObject({
      kind: 'INVALID',
      eventType: '(unreadable)',
      error: expect.stringMatching(/not JSON/),
      // Kafka's timestamp, not the time of reading: a rebuild places it on the timeline the same
      occurredAt: new Date(1_795_000_000_000),
    });
    const unknown = observeSagaMessage(message(JSON.stringify({ ...placed, type: 'OrderTeleported' })));
    expect(unknown.payload).toMatchObject({ kind: 'INVALID', eventType: 'OrderTeleported', eventId: placed.eventId });
    const misplaced = observeSagaMessage(message(JSON.stringify(placed), Topics.OrderPayment));
    expect(misplaced.payload).toMatchObject({
      kind: 'INVALID',
      error: expect.stringMatching(/does not belong on topic/),
    });
  });

  it('derives stable, distinct UUIDs from positions', () => {
    const a = positionId({ topic: 't', partition: 0, offset: '1' });
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(positionId({ topic: 't', partition: 0, offset: '1' })).toBe(a);
    expect(positionId({ topic: 't', partition: 0, offset: '2' })).not.toBe(a);
  });

  it('reads a dead letter through the replay library, id = topic:partition:offset', () => {
    const seen = observeDeadLetter({
      ...message(JSON.stringify(placed), 'order.processing.dlq'),
      headers: { 'x-dlq-original-topic': 'order.processing', 'x-dlq-error': 'boom' },
    });
    expect(seen.orderId).toBe('o-1');
    expect(seen.payload).toMatchObject({
      kind: 'DEAD_LETTER',
      id: 'order.processing.dlq:1:42',
      record: { originalTopic: 'order.processing', error: 'boom', eventType: 'OrderPlaced' },
    });
  });
});
