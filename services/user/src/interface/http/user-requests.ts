import { z } from 'zod';

const UserId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'letters, digits and . _ : @ - only');
/** Integer minor units (the contracts' Money bound). */
const Amount = z.number().int().max(Number.MAX_SAFE_INTEGER);

export const CreateUserRequest = z.strictObject({
  id: UserId.optional(),
  name: z.string().trim().min(1).max(200),
  balance: Amount.min(0),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const TopUpRequest = z.strictObject({ amount: Amount.min(1) });
export type TopUpRequest = z.infer<typeof TopUpRequest>;
