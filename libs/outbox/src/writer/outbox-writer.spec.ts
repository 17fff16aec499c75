import { createEvent, CouponIssueRequested, OrderPlaced, Topics } from '@saga/contracts';
import { SqlExecutor } from '../sql-executor';
import { toOutboxRow, UnknownEventError } from './outbox-row';
import { OutboxWriter } from './outbox-writer';

const placed = createEvent(OrderPlaced, {
  orderId: 'order-1',
  causationId: null,
  payload: { userId: 'u1', items: [{ productId: 'p1', quantity: 1, unitPrice: 100 }], couponId: null, subtotal: 100 },
});

class RecordingExecutor implements SqlExecutor {
  readonly statements: { sql: string; values: unknown[] }[] = [];
  async execute(sql: string, ...values: unknown[]): Promise<number> {
    this.statements.push({ sql, values });
    return 1;
  }
  async query<T>(): Promise<T> {
    throw new Error('not used');
  }
}

describe('toOutboxRow', () => {
  it('takes topic and key from the event definition', () => {
    const row = toOutboxRow(placed);
    expect(row).toMatchObject({
      topic: Topics.OrderProcessing,
      messageKey: 'order-1',
      eventType: 'OrderPlaced',
      eventId: placed.eventId,
    });
    const issue = createEvent(CouponIssueRequested, {
      orderId: null,
      causationId: null,
      payload: { couponId: 'c-9', userId: 'u1', requestedAt: new Date().toISOString() },
    });
    expect(toOutboxRow(issue).messageKey).toBe('c-9');
    expect(toOutboxRow(placed, 'test1.').topic).toBe(`test1.${Topics.OrderProcessing}`);
  });

  it('refuses an event no definition knows', () => {
    expect(() => toOutboxRow({ ...placed, type: 'Made-Up' })).toThrow(UnknownEventError);
  });
});

describe('OutboxWriter', () => {
  it('inserts all events and notifies the service channel in one statement of the same transaction', async () => {
    const tx = new RecordingExecutor();
    const second = { ...placed, eventId: '6f1c1f3e-1111-4a4a-8b8b-222222222222' };
    const writer = new OutboxWriter({ service: 'order' });
    await writer.insert(tx, writer.rowsOf([placed, second]));
    expect(tx.statements).toHaveLength(1);
    expect(tx.statements[0].sql).toMatch(
      /INSERT INTO outbox_message [\s\S]* FROM unnest\([\s\S]*SELECT pg_notify\(\$7, \$8\)$/,
    );
    const [ids, topics, , types, envelopes, , channel, payload] = tx.statements[0].values as string[][];
    expect(ids).toEqual([placed.eventId, second.eventId]);
    expect(topics).toEqual(['order.processing', 'order.processing']);
    expect(types).toEqual(['OrderPlaced', 'OrderPlaced']);
    expect(JSON.parse(envelopes[0]!)).toEqual(placed);
    expect([channel, payload]).toEqual(['outbox_order', '']);
  });

  it('does nothing for no events', async () => {
    const tx = new RecordingExecutor();
    const writer = new OutboxWriter({ service: 'order' });
    await writer.insert(tx, writer.rowsOf([]));
    expect(tx.statements).toEqual([]);
  });
});
