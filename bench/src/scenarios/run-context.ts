import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Kafka } from 'kafkajs';
import { BenchEnv } from '../config/env';
import { Clock, systemClock } from '../load/clock';
import { ConsumerLagSample, ConsumerLagSampler } from '../measure/consumer-lag-sampler';
import { OrderTracker } from '../measure/order-tracker';
import { CpuSample, ProcessCpuSampler } from '../measure/process-cpu-sampler';
import { RelayLagSample, sampleRelayLag } from '../measure/relay-lag-sampler';
import { serviceNodeVersions } from '../measure/service-runtimes';
import { createBenchKafka, TerminalWatcher } from '../measure/terminal-watcher';
import { PlatformApi } from '../platform/api-client';
import { Databases } from '../platform/databases';
import { platformProcesses } from './platform-processes';

export type Log = (message: string) => void;

/** Everything one bench run holds open, plus the samples collected while it runs. */
export class RunContext {
  readonly runId = `${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(3).toString('hex')}`;
  readonly clock: Clock = systemClock;
  readonly tracker = new OrderTracker();
  readonly api: PlatformApi;
  readonly db: Databases;
  readonly kafka: Kafka;
  readonly watcher: TerminalWatcher;
  readonly relayLag: RelayLagSample[] = [];
  readonly consumerLag: ConsumerLagSample[] = [];
  readonly cpu: CpuSample[] = [];
  readonly samplerErrors = new Set<string>();
  private readonly lagSampler: ConsumerLagSampler;
  private readonly cpuSampler: ProcessCpuSampler;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    readonly env: BenchEnv,
    readonly log: Log,
    connections: number,
  ) {
    this.api = new PlatformApi(env, connections);
    this.db = new Databases(env);
    this.kafka = createBenchKafka(env.KAFKA_BROKERS, `saga-bench-${this.runId}`);
    this.watcher = new TerminalWatcher(this.kafka, `bench.${this.runId}`, this.clock, (e) =>
      this.tracker.onTerminal(e),
    );
    this.lagSampler = new ConsumerLagSampler(this.kafka);
    this.cpuSampler = new ProcessCpuSampler(platformProcesses(env));
  }

  async startMeasuring(lagIntervalSec: number): Promise<void> {
    await this.watcher.start();
    await this.lagSampler.start();
    this.every(1000, async (t) => {
      this.relayLag.push(...(await sampleRelayLag(this.db, t)));
      const cpu = await this.cpuSampler.sample(t);
      if (cpu) this.cpu.push(cpu);
    });
    this.every(lagIntervalSec * 1000, async (t) => {
      this.consumerLag.push(await this.lagSampler.sample(t));
    });
  }

  /**
   * Waits until every outbox is published and every service group has consumed it: compensations of the
   * last cancelled sagas (stock, balance and coupon releases) run after their terminal event. Returns
   * what was still pending at the timeout (0 when settled).
   */
  async waitUntilSettled(timeoutMs: number): Promise<number> {
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      const t = this.clock.now();
      const unpublished = (await sampleRelayLag(this.db, t)).reduce((sum, s) => sum + s.unpublished, 0);
      const pending = unpublished + (await this.lagSampler.sample(t)).total;
      if (pending === 0 || t > deadline) return pending;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async close(): Promise<void> {
    this.timers.forEach(clearInterval);
    await Promise.allSettled([this.watcher.stop(), this.lagSampler.stop(), this.api.close(), this.db.close()]);
  }

  /** PostgreSQL's durability settings as the run saw them: figures with fsync=off are not production figures. */
  async databaseDurability(): Promise<{ fsync: string; synchronousCommit: string } | undefined> {
    try {
      const [row] = await this.db.query<{ fsync: string; synchronous_commit: string }>(
        'order',
        `SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit`,
      );
      return row && { fsync: row.fsync, synchronousCommit: row.synchronous_commit };
    } catch {
      return undefined;
    }
  }

  /** The Node.js release of each service: the same code costs noticeably less CPU on newer releases. */
  serviceNodes(): Promise<Record<string, string>> {
    const { ORDER_URL, PRODUCT_URL, COUPON_URL, USER_URL } = this.env;
    return serviceNodeVersions({ order: ORDER_URL, product: PRODUCT_URL, coupon: COUPON_URL, user: USER_URL });
  }

  environment(durability?: { fsync: string; synchronousCommit: string }, serviceNodes?: Record<string, string>) {
    return {
      postgresDurability: durability,
      node: process.version,
      serviceNodes,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1e9),
      hostname: os.hostname(),
      calibrationMs: this.calibrationMs,
    };
  }

  /**
   * Time of a fixed CPU loop, taken when the run starts: on a shared VM the same machine can be
   * noticeably slower from one hour to the next, and this says how fast it was for this run.
   */
  readonly calibrationMs = measureCalibration();

  /** A sampler that is still busy skips its next tick instead of piling up (it must not load the system). */
  private every(ms: number, work: (t: number) => Promise<void>): void {
    let busy = false;
    this.timers.push(
      setInterval(() => {
        if (busy) return;
        busy = true;
        work(this.clock.now())
          .catch((e: Error) => {
            if (!this.samplerErrors.has(e.message))
              this.log(`sampler error (further identical ones hidden): ${e.message}`);
            this.samplerErrors.add(e.message);
          })
          .finally(() => (busy = false));
      }, ms),
    );
  }
}

function measureCalibration(): number {
  const started = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < 50_000_000; i++) x = (x + i) % 1_000_003;
  if (x < 0) throw new Error('unreachable');
  return Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
}
