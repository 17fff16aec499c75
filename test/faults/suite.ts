import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrationFiles } from '@saga/test-harness';
import { loadBenchEnv } from '../../bench/src/config/env';
import { PlatformApi } from '../../bench/src/platform/api-client';
import { Databases } from '../../bench/src/platform/databases';
import { seedFixtures, waitForCatalogReplica } from '../../bench/src/platform/seed';
import { DEFAULT_SHARES, RealisticMix } from '../../bench/src/workload/checkout-mix';
import { planFixtures } from '../../bench/src/workload/fixture-plan';
import { seededRandom } from '../../bench/src/workload/random';
import { checkAll, drainOrders, isTerminal, refreshOrders } from './checks';
import { catalog, Fault } from './faults';
import { Fleet, SERVICES } from './fleet';
import { InfraInstance } from './infra-instance';
import { CheckoutLoad, FaultCheckout } from './load';
import { baselineP95Ms, endToEndMs, FaultWindow, isAbnormal, normalThresholdMs, summarizeFault } from './metrics';
import { SuiteResult, writeResult } from './report';
import { Log, now, percentile, REPO_ROOT, sleep } from './support';

export interface SuiteOptions {
  mode: 'full' | 'quick';
  instances: 1 | 2;
  ratePerSec: number;
  /** Added to every infra port (Kafka 9092+offset, PostgreSQL 5433+offset, Redis 6380+offset). */
  portOffset: number;
  tracing: boolean;
  /** Only faults whose name contains this. */
  only?: string;
  resultsDir: string;
  baselineSec: number;
  minSettleSec: number;
  maxSettleSec: number;
  log: Log;
}

export interface SuiteRun {
  result: SuiteResult;
  files: { json: string; md: string };
}

/** Own infra, real service processes, open-loop load, one fault at a time, then invariants and a report. */
export async function runFaultSuite(options: SuiteOptions): Promise<SuiteRun> {
  const { log } = options;
  const startedAt = now();
  const runId = `${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(2).toString('hex')}`;
  const runDir = join(options.resultsDir, runId);
  const infra = new InfraInstance(options.portOffset, join(REPO_ROOT, '.local', `faults-${options.portOffset}`));
  const fleet = new Fleet(
    infra,
    { instances: options.instances, logDir: join(runDir, 'logs'), tracing: options.tracing, restartAfterMs: 5_000 },
    log,
  );
  const faults = catalog(options.mode, options.instances).filter((f) => !options.only || f.name.includes(options.only));
  if (faults.length === 0) throw new Error(`no fault matches "${options.only}"`);

  let api: PlatformApi | undefined;
  let db: Databases | undefined;
  let load: CheckoutLoad | undefined;
  const cleanup = onceOnly(async () => {
    log('stopping services and the suite infra');
    await load?.stop().catch(() => undefined);
    await fleet.stopAll();
    await Promise.allSettled([api?.close(), db?.close()]);
    await infra.down().catch((e: Error) => log(`infra down failed: ${e.message}`));
  });
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  // A bug of the suite itself must not leave the infra and services it started running.
  const crashed = (error: unknown) => {
    log(`suite crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void cleanup().finally(() => process.exit(2));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  process.once('uncaughtException', crashed);

  try {
    log(
      `infra on ports ${infra.ports.kafka} (kafka), ${infra.ports.postgres} (postgres), ${infra.ports.redis} (redis), data in ${infra.localDir}`,
    );
    await infra.freshUp();
    await migrate(infra);
    log(`starting ${options.instances} instance(s) of each service (logs in ${join(runDir, 'logs')})`);
    await fleet.startAll();

    const env = loadBenchEnv({
      ORDER_URL: fleet.of('order')[0].url,
      PRODUCT_URL: fleet.of('product')[0].url,
      COUPON_URL: fleet.of('coupon')[0].url,
      USER_URL: fleet.of('user')[0].url,
      KAFKA_BROKERS: infra.kafkaBrokers,
      BENCH_PG_URL: infra.postgresUrl,
    });
    api = new PlatformApi(env, 16);
    db = new Databases(env);
    const plannedSec = options.baselineSec + faults.length * (options.maxSettleSec + 60);
    const fixtures = planFixtures({
      runId,
      plannedCheckouts: Math.ceil(options.ratePerSec * plannedSec),
      shares: DEFAULT_SHARES,
      products: 50,
      hotProduct: false,
      maxGrants: 4000,
    });
    await seedFixtures(api, fixtures, log);
    await waitForCatalogReplica(db, fixtures, 120_000, log);

    load = new CheckoutLoad(
      runId,
      api,
      () => fleet.of('order').map((i) => i.url),
      new RealisticMix(fixtures, DEFAULT_SHARES, seededRandom(12)),
      {
        ratePerSec: options.ratePerSec,
        requestTimeoutMs: 10_000,
        retryForMs: 60_000,
        retryBackoffMs: 1_000,
      },
    );
    let phase = 'baseline';
    const loadStartedAt = now();
    load.start(() => phase);
    log(`baseline: ${options.baselineSec} s at ${options.ratePerSec} checkouts/s`);
    await sleep(options.baselineSec * 1000);
    // The first seconds warm connections and caches up: not part of the baseline.
    const baseline = load.records.filter((r) => r.phase === 'baseline' && r.scheduledAt >= loadStartedAt + 5_000);
    await waitTerminal(db, baseline, 15_000);
    const threshold = normalThresholdMs(baseline);
    log(`baseline done: end-to-end p95 ${baselineP95Ms(baseline)} ms; "normal" is at most ${threshold} ms`);

    const windows: FaultWindow[] = [];
    for (const fault of faults) {
      phase = fault.name;
      log(`fault: ${fault.name}`);
      const timing = await fault.inject({ infra, fleet, log });
      const settled = await settle(fleet, db, load.records, threshold, options);
      windows.push({ name: fault.name, ...timing, endAt: now(), settled });
      log(`  recovered ${settled ? '' : '(NOT settled) '}after ${Math.round((now() - timing.recoverAt) / 1000)} s`);
    }
    phase = 'tail';
    await load.stop();
    log('load stopped; waiting for every accepted order to end');
    const openAfterDrain = await drainOrders(db, load.records, 90_000);
    log('checking invariants');
    const invariants = await checkAll(api, db, fixtures, load.records, infra.kafkaBrokers, fleet.unexpectedExits);
    const records = load.records;
    const baselineE2e = baseline.map(endToEndMs).filter((v): v is number => v !== undefined);
    const result: SuiteResult = {
      runId,
      startedAt: new Date(startedAt).toISOString(),
      mode: options.mode,
      only: options.only,
      instances: options.instances,
      ratePerSec: options.ratePerSec,
      tracing: options.tracing,
      gitRevision: gitRevision(),
      baseline: {
        checkouts: baseline.length,
        p50Ms: percentile(baselineE2e, 50),
        p95Ms: percentile(baselineE2e, 95),
        normalThresholdMs: threshold,
      },
      faults: windows.map((w) => summarizeFault(w, records, threshold, fleet.unexpectedExits)),
      invariants,
      unexpectedExits: fleet.unexpectedExits,
      totals: {
        checkouts: records.length,
        accepted: records.filter((r) => r.orderId).length,
        completed: records.filter((r) => r.status === 'COMPLETED').length,
        cancelled: records.filter((r) => r.status === 'CANCELLED').length,
        timeoutCancelled: records.filter((r) => r.failureReason === 'TIMEOUT').length,
        openAfterDrain,
      },
      durationSec: Math.round((now() - startedAt) / 1000),
    };
    return { result, files: writeResult(runDir, result) };
  } finally {
    await cleanup();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    process.removeListener('uncaughtException', crashed);
  }
}

/** Applies each service's Prisma migrations (plain SQL, in order) to its database on the suite's PostgreSQL. */
async function migrate(infra: InfraInstance): Promise<void> {
  for (const service of SERVICES) {
    const client = new Client({ connectionString: infra.databaseUrl(`${service}_db`) });
    await client.connect();
    try {
      for (const file of migrationFiles(join(REPO_ROOT, 'services', service, 'prisma', 'migrations')))
        await client.query(readFileSync(file, 'utf8'));
    } finally {
      await client.end();
    }
  }
}

async function waitTerminal(db: Databases, records: readonly FaultCheckout[], timeoutMs: number): Promise<void> {
  const deadline = now() + timeoutMs;
  do {
    await refreshOrders(db, records);
    if (records.every((r) => !r.orderId || (r.status && isTerminal(r.status)))) return;
    await sleep(1000);
  } while (now() < deadline);
}

/**
 * Between faults: at least minSettleSec, then until every instance is ready and every checkout scheduled in a
 * recent 8 s slice ended normally, at most maxSettleSec. The next fault then starts on a recovered platform.
 */
async function settle(
  fleet: Fleet,
  db: Databases,
  records: readonly FaultCheckout[],
  thresholdMs: number,
  options: SuiteOptions,
): Promise<boolean> {
  const start = now();
  await sleep(options.minSettleSec * 1000);
  while (now() - start < options.maxSettleSec * 1000) {
    const sliceEnd = now() - thresholdMs - 1000;
    const slice = records.filter((r) => r.scheduledAt >= sliceEnd - 8000 && r.scheduledAt < sliceEnd);
    await refreshOrders(db, slice).catch(() => undefined);
    if (slice.length > 0 && slice.every((r) => !isAbnormal(r, thresholdMs)) && (await fleet.allReady())) return true;
    await sleep(2000);
  }
  return false;
}

function onceOnly(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= work());
}

function gitRevision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT })
      .toString()
      .trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

export type { Fault };
