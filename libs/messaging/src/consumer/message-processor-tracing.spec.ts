import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { createEvent, OrderPlaced, Topics } from '@saga/contracts';
import pino from 'pino';
import { EventHandler } from './event-handler';
import { IncomingMessage, MessageProcessor } from './message-processor';
import { InMemoryDatabase } from './testing/in-memory-database';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  context.disable();
  trace.disable();
  propagation.disable();
  await provider.shutdown();
});
beforeEach(() => exporter.reset());

const producerSpan = provider.getTracer('test').startSpan('order.processing publish');
let offset = 0;
const message = (orderId: string): IncomingMessage => {
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), producerSpan), headers);
  const event = createEvent(OrderPlaced, {
    orderId,
    causationId: null,
    payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: 1 }], couponId: null, subtotal: 1 },
  });
  return {
    topic: Topics.OrderProcessing,
    partition: 0,
    offset: String(offset++),
    key: Buffer.from(orderId),
    value: Buffer.from(JSON.stringify(event)),
    headers,
  };
};

function processor(traced: boolean) {
  const activeSpans: (string | undefined)[] = [];
  const handler = {
    name: 'ProjectOrderPlaced',
    event: OrderPlaced,
    handle: async () => {
      activeSpans.push(trace.getSpan(context.active())?.spanContext().traceId);
    },
  } as unknown as EventHandler;
  const db = new InMemoryDatabase();
  const instance = new MessageProcessor({
    handler,
    handlerId: 'explorer.ProjectOrderPlaced',
    consumerGroup: 'explorer',
    uow: db,
    deadLetters: async (letter) => `${letter.topic}.dlq`,
    logger: pino({ level: 'silent' }),
    retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
    traced,
  });
  return { instance, activeSpans };
}

describe('MessageProcessor tracing', () => {
  it('traced: a process span per message, in its producer trace, active while the handler runs', async () => {
    const { instance, activeSpans } = processor(true);
    await instance.process(message('o1'));
    await instance.processBatch([message('o2'), message('o3')]);
    const spans = exporter.getFinishedSpans().filter((span) => span.name.endsWith(' process'));
    expect(spans).toHaveLength(3);
    for (const span of spans) expect(span.spanContext().traceId).toBe(producerSpan.spanContext().traceId);
    expect(activeSpans).toEqual(Array(3).fill(producerSpan.spanContext().traceId));
  });

  it('untraced (an observer): no span at all, and none active for the handler and its transaction', async () => {
    const { instance, activeSpans } = processor(false);
    await expect(instance.process(message('o1'))).resolves.toBe('succeeded');
    await expect(instance.processBatch([message('o2'), message('o3')])).resolves.toEqual({
      outcomes: ['succeeded', 'succeeded'],
    });
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(activeSpans).toEqual([undefined, undefined, undefined]);
  });
});
