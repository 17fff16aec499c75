import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';

const packageDir = join(__dirname, '..', '..');
const generatedClient = join(packageDir, 'test', 'generated', 'prisma', 'client.ts');

/** Generates the test client on first use (the package's prisma:generate script; no engine download). */
function ensureGenerated(): void {
  if (existsSync(generatedClient)) return;
  execFileSync('pnpm', ['run', 'prisma:generate'], { cwd: packageDir, stdio: 'inherit' });
}

export function createTestPrisma(url: string) {
  ensureGenerated();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PrismaClient } = require(generatedClient) as typeof import('../generated/prisma/client');
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

export type TestPrisma = ReturnType<typeof createTestPrisma>;
