import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type UserPrismaClient = InstanceType<typeof PrismaClient>;

/** Queries run through the pg driver adapter (engineType client: no Rust query engine). */
export function createPrismaClient(databaseUrl: string, poolSize: number): UserPrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}
