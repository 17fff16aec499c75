/**
 * The suite's own instruments against real Kafka: the tap must see what is published, and
 * waitUntilConsumed must not resolve before a group has committed past the record (else every
 * "nothing happened" assertion of the saga suite would pass vacuously).
 */
import { randomUUID } from 'node:crypto';
import { createEvent, OrderProcessingFailed, Topics } from '@saga/contracts';
import { currentEndpoints } from '@saga/test-harness';
import { EventInjector, EventTap, HeldConsumer } from '../../libs/test-harness/src/saga-suite';
import { waitFor } from './wait';

describe('saga suite tools', () => {
  const brokers = currentEndpoints().kafkaBrokers;
  let tap: EventTap;
  let injector: EventInjector;

  beforeAll(async () => {
    tap = await EventTap.start({ brokers });
    injector = await EventInjector.connect({ brokers });
  });
  afterAll(async () => {
    await injector?.disconnect();
    await tap?.stop();
  });

  it('taps an injected envelope and tells when a consumer group has committed past it', async () => {
    const orderId = `tools-${randomUUID()}`;
    const event = createEvent(OrderProcessingFailed, {
      orderId,
      causationId: null,
      payload: { reason: 'TIMEOUT', failedBy: 'order' },
    });
    const record = await injector.publishEnvelope(event);
    await waitFor('tap sees the record', async () => tap.eventsOf(orderId, 'OrderProcessingFailed'), (e) => e.length === 1, {
      timeoutMs: 15000,
    });
    expect(tap.forOrder(orderId)[0]).toMatchObject({ topic: Topics.OrderProcessingFail, key: orderId });

    const service = `sagatools${randomUUID().slice(0, 8)}`;
    const slow = await HeldConsumer.start({
      brokers,
      groupId: `${service}.ProbeOnOrderProcessingFailed`,
      topic: Topics.OrderProcessingFail,
      key: orderId,
    });
    try {
      await waitFor('the slow consumer holds the record', async () => slow.holding, Boolean, { timeoutMs: 30000 });
      await expect(injector.waitUntilConsumed(record, [service], { timeoutMs: 3000 })).rejects.toThrow(
        /still behind: sagatools/,
      );
      slow.letGo();
      await expect(injector.waitUntilConsumed(record, [service], { timeoutMs: 30000 })).resolves.toEqual([
        `${service}.ProbeOnOrderProcessingFailed`,
      ]);
    } finally {
      await slow.stop();
    }
  });
});
