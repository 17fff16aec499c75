import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://saga:saga@127.0.0.1:5433/coupon_db';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: databaseUrl }),
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
