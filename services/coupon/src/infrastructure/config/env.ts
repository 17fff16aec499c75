import { BaseEnv, devDatabaseUrl, envPort } from '@saga/service-kit';
import { z } from 'zod';

export const CouponEnv = BaseEnv.extend({
  PORT: envPort(3003),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(devDatabaseUrl('coupon_db')),
});
export type CouponEnv = z.infer<typeof CouponEnv>;
