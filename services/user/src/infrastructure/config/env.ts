import { BaseEnv, devDatabaseUrl, envPort, loadEnv } from '@saga/service-kit';
import { z } from 'zod';

export const UserEnv = BaseEnv.extend({
  PORT: envPort(3004),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(devDatabaseUrl('user_db')),
});
export type UserEnv = z.infer<typeof UserEnv>;

/** The only place that reads process.env. */
export const loadUserEnv = (): UserEnv => loadEnv(UserEnv);
