import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// JS schema engine + driver adapter: no native engine download (see docs/internal-apis.md "Prisma").
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
