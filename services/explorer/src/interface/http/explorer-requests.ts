import { z } from 'zod';

const Limit = z.coerce.number().int().min(1).max(200).default(50);
const Time = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const ListSagasRequest = z.strictObject({
  state: z.enum(['IN_FLIGHT', 'COMPLETED', 'CANCELLED', 'OVERDUE']).optional(),
  failureReason: z.string().min(1).max(100).optional(),
  userId: z.string().min(1).max(100).optional(),
  from: Time.optional(),
  to: Time.optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: Limit,
});
export type ListSagasRequest = z.infer<typeof ListSagasRequest>;

export const ListDeadLettersRequest = z.strictObject({
  originalTopic: z.string().min(1).max(300).optional(),
  consumerGroup: z.string().min(1).max(300).optional(),
  orderId: z.string().min(1).max(200).optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: Limit,
});
export type ListDeadLettersRequest = z.infer<typeof ListDeadLettersRequest>;

export const ReplayRequest = z.strictObject({
  execute: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type ReplayRequest = z.infer<typeof ReplayRequest>;
