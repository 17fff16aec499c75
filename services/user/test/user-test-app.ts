import { join } from 'node:path';
import type { ServiceRuntimeConfig } from '@saga/service-runtime';
import { startServiceTestEnv, type ServiceTestEnv } from '@saga/service-runtime/src/testing/service-test-env';
import { AppModule } from '../src/app.module';

export type UserTestEnv = ServiceTestEnv;

export function startUserTestEnv(overrides: Partial<ServiceRuntimeConfig> = {}): Promise<UserTestEnv> {
  return startServiceTestEnv({
    service: 'user',
    migrations: join(__dirname, '..', 'prisma', 'migrations'),
    appModule: AppModule.forRoot,
    overrides,
  });
}
