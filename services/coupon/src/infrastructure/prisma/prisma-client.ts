import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type CouponPrisma = PrismaClient;
/** The interactive-transaction client every repository receives. */
export type CouponTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export function createPrismaClient(databaseUrl: string, poolSize: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}
