/**
 * The suite's own instruments against real Kafka: the tap must see what is published, and
 * waitUntilConsumed must not resolve before a group has committed past the record (else every
 * "nothing happened" assertion of the saga suite would pass vacuously).
 */
import { randomUUID } from 'node:crypto';
import { createEvent, OrderProcessingFailed, Topics } from '@saga/contracts';
import { currentEndpoints } from '@saga/test-harness';
import { EventInjector, EventTap, HeldConsumer, RunTopics } from '../../libs/test-harness/src/saga-suite';
import { waitFor } from './wait';

describe('saga suite tools', () => {
  const brokers = currentEndpoints().kafkaBrokers;
  let topics: RunTopics;
  let tap: EventTap;
  let injector: EventInjector;

  beforeAll(async () => {
    topics = await RunTopics.create({ brokers, prefix: `sagatools-${randomUUID().slice(0, 8)}.` });
    tap = await EventTap.start({ brokers, topics: topics.names(), fromBeginning: true });
    injector = await EventInjector.connect({ brokers, topicPrefix: topics.prefix });
  });
  afterAll(async () => {
    await injector?.disconnect();
    await tap?.stop();
    await topics?.delete();
  });

  it('taps an injected envelope and tells when a consumer group has committed past it', async () => {
    const orderId = `tools-${randomUUID()}`;
    const event = createEvent(OrderProcessingFailed, {
      orderId,
      causationId: null,
      payload: { reason: 'TIMEOUT', failedBy: 'order' },
    });
    const record = await injector.publishEnvelope(event);
    await waitFor(
      'tap sees the record',
      async () => tap.eventsOf(orderId, 'OrderProcessingFailed'),
      (e) => e.length === 1,
      {
        timeoutMs: 15000,
      },
    );
    const topic = `${topics.prefix}${Topics.OrderProcessingFail}`;
    expect(tap.forOrder(orderId)[0]).toMatchObject({ topic, key: orderId });

    const service = 'sagatools';
    const slow = await HeldConsumer.start({
      brokers,
      groupId: `${topics.prefix}${service}`,
      topic,
      key: orderId,
    });
    try {
      await waitFor('the slow consumer holds the record', async () => slow.holding, Boolean, { timeoutMs: 30000 });
      await expect(injector.waitUntilConsumed(record, [service], { timeoutMs: 3000 })).rejects.toThrow(
        /still behind: sagatools/,
      );
      slow.letGo();
      await expect(injector.waitUntilConsumed(record, [service], { timeoutMs: 30000 })).resolves.toEqual([
        `${topics.prefix}${service}`,
      ]);
    } finally {
      await slow.stop();
    }
  });
});
