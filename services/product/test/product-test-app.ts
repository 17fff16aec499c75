import { join } from 'node:path';
import type { ServiceRuntimeConfig } from '@saga/service-runtime';
import { startServiceTestEnv, type ServiceTestEnv } from '@saga/service-runtime/src/testing/service-test-env';
import { AppModule } from '../src/app.module';

export type ProductTestEnv = ServiceTestEnv;

export function startProductTestEnv(overrides: Partial<ServiceRuntimeConfig> = {}): Promise<ProductTestEnv> {
  return startServiceTestEnv({
    service: 'product',
    migrations: join(__dirname, '..', 'prisma', 'migrations'),
    appModule: AppModule.forRoot,
    overrides,
  });
}
