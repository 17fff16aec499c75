import { Partitioners, ProducerConfig } from 'kafkajs';

/**
 * The one producer configuration for events: idempotent with a single in-flight request, so broker
 * retries neither duplicate nor reorder; and the Java-compatible murmur2 partitioner set explicitly,
 * so the relay, dead-lettering and replay (and any non-Node client) map a key to the same partition.
 */
export function eventProducerConfig(): ProducerConfig {
  return { idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner };
}
