import { z } from 'zod';

/** Integer minor units (cents, won). Money never travels as a float. */
export const Money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const EnvelopeBase = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** Correlation id of the saga; null for events outside a saga (coupon issuance). */
  orderId: z.string().min(1).nullable(),
  /** eventId of the event that caused this one; null for events started by a request. */
  causationId: z.uuid().nullable(),
  payload: z.unknown(),
});
export type EnvelopeBase = z.infer<typeof EnvelopeBase>;
