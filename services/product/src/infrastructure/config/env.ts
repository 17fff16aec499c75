import { BaseEnv, devDatabaseUrl, envPort, loadEnv } from '@saga/service-kit';
import { z } from 'zod';

export const ProductEnv = BaseEnv.extend({
  PORT: envPort(3002),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(devDatabaseUrl('product_db')),
});
export type ProductEnv = z.infer<typeof ProductEnv>;

/** The only place that reads process.env. */
export const loadProductEnv = (): ProductEnv => loadEnv(ProductEnv);
