import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { NATIVE_ENDPOINTS, type Endpoints } from '../endpoint-model';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** `pnpm infra up` in a child process: idempotent, and file-locked against concurrent test runs. */
export function startNativeInfra(): Promise<Endpoints> {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const args = [
    '--tsconfig',
    join(REPO_ROOT, 'infra', 'tsconfig.run.json'),
    join(REPO_ROOT, 'infra', 'src', 'cli.ts'),
    'up',
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tsx, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise({ source: 'native', ...NATIVE_ENDPOINTS })
        : reject(new Error(`pnpm infra up failed with exit code ${code}; see \`pnpm infra logs\``)),
    );
  });
}
