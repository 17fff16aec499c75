import { z } from 'zod';

const Id = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const CreateCouponBody = z
  .object({
    id: Id.optional(),
    name: z.string().trim().min(1).max(200),
    discountType: z.enum(['FIXED', 'PERCENT']),
    discountValue: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    totalQuantity: z.number().int().min(0).max(10_000_000),
  })
  .strict()
  .refine((body) => body.discountType !== 'PERCENT' || (body.discountValue >= 1 && body.discountValue <= 100), {
    path: ['discountValue'],
    message: 'a PERCENT discount must be between 1 and 100',
  });
export type CreateCouponBody = z.infer<typeof CreateCouponBody>;

export const GrantCouponBody = z.object({ userId: Id }).strict();
export type GrantCouponBody = z.infer<typeof GrantCouponBody>;

export const CouponIdParam = Id;
