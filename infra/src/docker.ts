import { join } from 'node:path';
import { REPO_ROOT } from './config';
import { run } from './runtime/exec';

/** A docker client alone is not enough: the engine must answer and the compose plugin must exist. */
export async function dockerEngineUsable(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}']);
    await run('docker', ['compose', 'version']);
    return true;
  } catch {
    return false;
  }
}

const INFRA_SERVICES = ['kafka', 'postgres', 'redis', 'jaeger', 'kafka-init'];

export function compose(args: string[]): Promise<string> {
  return run('docker', ['compose', '-f', join(REPO_ROOT, 'docker-compose.yml'), ...args]);
}

export async function composeUp(): Promise<void> {
  // kafka-init exits once the topics exist, so --wait cannot be used for it; it is awaited with `run`.
  await compose(['up', '-d', '--wait', 'kafka', 'postgres', 'redis', 'jaeger']);
  await compose(['run', '--rm', 'kafka-init']);
}

export async function composeDown(): Promise<void> {
  await compose(['stop', ...INFRA_SERVICES]);
}
