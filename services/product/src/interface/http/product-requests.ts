import { z } from 'zod';

const Int4 = 2_147_483_647;
const ProductId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
const Name = z.string().trim().min(1).max(200);
/** Integer minor units. */
const Price = z.number().int().min(0).max(Int4);

export const CreateProductRequest = z.strictObject({
  id: ProductId.optional(),
  name: Name,
  price: Price,
  stock: z.number().int().min(0).max(1_000_000_000),
});
export type CreateProductRequest = z.infer<typeof CreateProductRequest>;

export const UpdateProductRequest = z
  .strictObject({
    name: Name.optional(),
    price: Price.optional(),
    /** Units added to the current stock. */
    restock: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine((body) => body.name !== undefined || body.price !== undefined || body.restock !== undefined, {
    message: 'give at least one of name, price, restock',
  });
export type UpdateProductRequest = z.infer<typeof UpdateProductRequest>;

export const ListProductsRequest = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** nextCursor of the previous page. */
  after: z.string().min(1).optional(),
});
export type ListProductsRequest = z.infer<typeof ListProductsRequest>;
