import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type OrderPrismaClient = PrismaClient;

/** Prisma over the pg driver adapter (engineType client: no native query engine). */
export function createPrismaClient(databaseUrl: string, poolSize: number): OrderPrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}
