import { serviceList } from '@saga/contracts';
import { BenchEnv, SERVICES } from '../config/env';
import { PlatformProcesses } from '../measure/process-cpu-sampler';

const REDIS_PORT = Number(process.env.BENCH_REDIS_PORT ?? 6380);
const JAEGER_OTLP_PORT = Number(process.env.BENCH_JAEGER_PORT ?? 4318);

/** The measured platform's processes, by the ports the bench's endpoints point at. */
export function platformProcesses(env: BenchEnv): PlatformProcesses {
  const ports: Record<number, string> = {
    [portOf(env.ORDER_URL)]: 'order',
    [portOf(env.PRODUCT_URL)]: 'product',
    [portOf(env.COUPON_URL)]: 'coupon',
    [portOf(env.USER_URL)]: 'user',
    [Number(env.KAFKA_BROKERS[0]!.split(':')[1] ?? 9092)]: 'kafka',
    [REDIS_PORT]: 'redis',
    [JAEGER_OTLP_PORT]: 'jaeger',
    // services outside the saga (the explorer) at their services.json port: their CPU shows as their own class
    ...Object.fromEntries(
      serviceList()
        .filter((s) => !s.saga)
        .map((s) => [s.port, s.name]),
    ),
  };
  return {
    ports,
    postgresPort: Number(new URL(env.BENCH_PG_URL).port || 5432),
    databases: SERVICES.map((service) => `${service}_db`),
  };
}

function portOf(url: string): number {
  const parsed = new URL(url);
  return Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
}
