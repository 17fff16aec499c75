import type { Producer } from 'kafkajs';
import { publishDeadLetter, withoutDeadLetterHeaders } from './dead-letter';

describe('publishDeadLetter', () => {
  it('sends key and value unchanged to <topic>.dlq with the original headers plus x-dlq-*', async () => {
    const sent: unknown[] = [];
    const producer = { send: async (record: unknown) => void sent.push(record) } as unknown as Producer;
    const topic = await publishDeadLetter(
      producer,
      {
        topic: 'order.processing',
        partition: 1,
        offset: '9',
        key: Buffer.from('o1'),
        value: Buffer.from('raw'),
        headers: { traceparent: 'tp', 'x-dlq-error': 'stale from an earlier round' },
        consumerGroup: 'coupon.ApplyCouponOnOrderPlaced',
        error: 'Error: boom',
        attempts: 5,
      },
      new Date('2026-01-02T03:04:05.000Z'),
    );
    expect(topic).toBe('order.processing.dlq');
    expect(sent).toEqual([
      {
        topic: 'order.processing.dlq',
        acks: -1,
        messages: [
          {
            key: Buffer.from('o1'),
            value: Buffer.from('raw'),
            headers: {
              traceparent: 'tp',
              'x-dlq-original-topic': 'order.processing',
              'x-dlq-original-partition': '1',
              'x-dlq-original-offset': '9',
              'x-dlq-consumer-group': 'coupon.ApplyCouponOnOrderPlaced',
              'x-dlq-error': 'Error: boom',
              'x-dlq-attempts': '5',
              'x-dlq-failed-at': '2026-01-02T03:04:05.000Z',
            },
          },
        ],
      },
    ]);
  });

  it('withoutDeadLetterHeaders keeps everything else', () => {
    expect(withoutDeadLetterHeaders({ a: '1', 'x-dlq-error': 'e', traceparent: 't' })).toEqual({
      a: '1',
      traceparent: 't',
    });
  });
});
