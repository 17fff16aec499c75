import { TOPIC_CATALOG } from '@saga/contracts';
import { parseReplayArgs } from './cli-args';

describe('parseReplayArgs', () => {
  it('is a dry run over every catalog dead-letter topic by default', () => {
    const args = parseReplayArgs([]);
    expect(args.execute).toBe(false);
    expect(args.deadLetterTopics).toEqual(TOPIC_CATALOG.filter((t) => t.deadLetter).map((t) => t.name));
  });

  it('selects the DLQ of --topic and builds the filter', () => {
    const args = parseReplayArgs([
      '--topic',
      'order.processing',
      '--group',
      'product.ReserveStockOnOrderPlaced',
      '--type',
      'OrderPlaced',
      '--order-id',
      'o-1',
      '--since',
      '2026-03-01T00:00:00Z',
      '--execute',
    ]);
    expect(args.deadLetterTopics).toEqual(['order.processing.dlq']);
    expect(args.filter).toEqual({
      originalTopic: 'order.processing',
      consumerGroup: 'product.ReserveStockOnOrderPlaced',
      eventType: 'OrderPlaced',
      orderId: 'o-1',
      since: new Date('2026-03-01T00:00:00Z'),
      until: undefined,
    });
    expect(args.execute).toBe(true);
  });

  it('refuses a non-DLQ topic, a bad time and unknown flags', () => {
    expect(() => parseReplayArgs(['--dlq', 'order.processing'])).toThrow(/not a dead-letter topic/);
    expect(() => parseReplayArgs(['--since', 'yesterday'])).toThrow(/--since/);
    expect(() => parseReplayArgs(['--force'])).toThrow();
  });
});
