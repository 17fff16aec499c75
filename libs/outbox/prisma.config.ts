import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// Only for the integration tests' client (test/prisma/schema.prisma); JS engine, no engine download.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
  schema: 'test/prisma/schema.prisma',
});
