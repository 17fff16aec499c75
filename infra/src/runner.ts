import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS, DEV_ENV, LOCAL_DIR, paths, type ComponentName } from './config';
import { NATIVE_COMPONENTS, type Component } from './components';
import { composeDown, composeUp, dockerEngineUsable } from './docker';
import { createServiceDatabases } from './provision/databases';
import { createCatalogTopics } from './provision/topics';
import { withFileLock } from './runtime/lock';
import { waitUntil } from './runtime/wait';

export type InfraMode = 'native' | 'docker';
const modeFile = join(LOCAL_DIR, 'mode');
const log = (message: string) => process.stderr.write(`infra: ${message}\n`);

export async function chooseMode(): Promise<InfraMode> {
  const forced = process.env.SAGA_INFRA_MODE;
  if (forced === 'native' || forced === 'docker') return forced;
  return (await dockerEngineUsable()) ? 'docker' : 'native';
}

/** Idempotent: healthy components are left alone; concurrent callers serialize on a file lock. */
export async function up(only: readonly ComponentName[] = COMPONENTS): Promise<InfraMode> {
  mkdirSync(LOCAL_DIR, { recursive: true });
  return withFileLock(paths.lock, async () => {
    const mode = await chooseMode();
    writeFileSync(modeFile, mode);
    if (mode === 'docker') {
      log('docker engine found: docker compose up');
      await composeUp();
      return mode;
    }
    await Promise.all(only.map((name) => ensureUp(NATIVE_COMPONENTS[name])));
    return mode;
  });
}

async function ensureUp(component: Component): Promise<void> {
  if (await component.isHealthy()) {
    log(`${component.name} already running`);
  } else {
    await component.install();
    log(`${component.name} starting`);
    await component.start();
    await waitUntil(
      component.name,
      async () => {
        if (await component.isHealthy()) return true;
        if (!component.isOwned())
          throw new Error(`${component.name} exited during startup:\n${tail(component.logFile, 30)}`);
        return false;
      },
      { timeoutMs: component.startupTimeoutMs, rethrow: true },
    );
    log(`${component.name} healthy`);
  }
  await provision(component.name);
}

async function provision(name: ComponentName): Promise<void> {
  if (name === 'kafka') {
    const { created, total } = await createCatalogTopics([DEV_ENV.KAFKA_BROKERS]);
    if (created.length > 0) log(`created ${created.length} of ${total} catalog topics`);
  }
  if (name === 'postgres') {
    const created = await createServiceDatabases();
    if (created.length > 0) log(`created databases ${created.join(', ')}`);
  }
}

/** Stops only the processes this checkout started (pid files), never a server someone else runs. */
export async function down(): Promise<void> {
  await withFileLock(paths.lock, async () => {
    if (readMode() === 'docker') return composeDown();
    for (const name of [...COMPONENTS].reverse()) {
      const component = NATIVE_COMPONENTS[name];
      if (component.isOwned()) log(`${name} stopping`);
      await component.stop();
    }
  });
}

export interface ComponentStatus {
  name: ComponentName;
  healthy: boolean;
  startedHere: boolean;
}

export async function status(): Promise<ComponentStatus[]> {
  return Promise.all(
    COMPONENTS.map(async (name) => {
      const component = NATIVE_COMPONENTS[name];
      return { name, healthy: await component.isHealthy(), startedHere: component.isOwned() };
    }),
  );
}

export function readMode(): InfraMode {
  return existsSync(modeFile) && readFileSync(modeFile, 'utf8').trim() === 'docker' ? 'docker' : 'native';
}

export function tail(file: string, lines: number): string {
  if (!existsSync(file)) return `(no log at ${file})`;
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}
