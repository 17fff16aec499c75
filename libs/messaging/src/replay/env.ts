import { z } from 'zod';

export const ReplayEnv = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    ),
});
export type ReplayEnv = z.infer<typeof ReplayEnv>;
