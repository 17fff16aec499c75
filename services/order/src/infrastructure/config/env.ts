import { z } from 'zod';
import { BaseEnv, devDatabaseUrl, envPort, loadEnv } from '@saga/service-kit';

export const OrderEnv = BaseEnv.extend({
  PORT: envPort(3001),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(devDatabaseUrl('order_db')),
  /** Time an order may stay non-terminal before the deadline cancels it with TIMEOUT. */
  SAGA_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * After an outage this process observed (Kafka, database, consumers not joined), deadlines that fell
   * inside it are extended by its length plus this much, the time the backlog needs to drain.
   */
  SAGA_TIMEOUT_OUTAGE_SETTLE_MS: z.coerce.number().int().min(0).default(5_000),
  SAGA_TIMEOUT_SCAN_MS: z.coerce.number().int().positive().default(1_000),
  SAGA_TIMEOUT_BATCH_SIZE: z.coerce.number().int().positive().max(1_000).default(100),
  /** How long the Redis aggregation state of an order lives; the durable row flags outlive it anyway. */
  ORDER_STATE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60),
});
export type OrderEnv = z.infer<typeof OrderEnv>;

/** The only place that reads process.env. */
export function loadOrderEnv(source: NodeJS.ProcessEnv = process.env): OrderEnv {
  return loadEnv(OrderEnv, source);
}
