import { z } from 'zod';

export const PlaceOrderBody = z
  .object({
    items: z
      .array(
        z.object({ productId: z.string().trim().min(1).max(100), quantity: z.number().int().min(1).max(100) }).strict(),
      )
      .min(1)
      .max(50),
    couponId: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.items.forEach((item, index) => {
      if (seen.has(item.productId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'productId'],
          message: 'duplicate productId: send one line per product',
        });
      }
      seen.add(item.productId);
    });
  });
export type PlaceOrderBody = z.infer<typeof PlaceOrderBody>;

/** Idempotency-Key header: printable, bounded. */
export const IdempotencyKeyHeader = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export const ListOrdersParams = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export type ListOrdersParams = z.infer<typeof ListOrdersParams>;
