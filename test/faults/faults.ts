import { Fleet, ServiceInstance, ServiceName, SERVICES } from './fleet';
import { InfraInstance } from './infra-instance';
import { findRelayLeader } from './relay-leader';
import { Log, now, sleep } from './support';

export interface FaultContext {
  infra: InfraInstance;
  fleet: Fleet;
  log: Log;
}

/** When things happened; `recoverAt` is the restart command (or SIGCONT), recovery times count from it. */
export interface FaultTiming {
  injectAt: number;
  recoverAt: number;
  /** The restarted process answered /health/ready, or the infra runner saw the component healthy again. */
  backAt?: number;
  note?: string;
}

export interface Fault {
  name: string;
  /** What it does, for the report and docs/reliability.md. */
  description: string;
  instances: 1 | 2;
  inject(ctx: FaultContext): Promise<FaultTiming>;
}

const READY_TIMEOUT_MS = 120_000;

async function restart(ctx: FaultContext, instance: ServiceInstance): Promise<{ recoverAt: number; backAt?: number }> {
  const recoverAt = now();
  ctx.fleet.start(instance);
  return { recoverAt, backAt: await ctx.fleet.waitReady(instance, READY_TIMEOUT_MS) };
}

function killAndRestart(service: ServiceName, delayMs: number): Fault {
  return {
    name: `${service} SIGKILL, restart ${delayMs === 0 ? 'at once' : `after ${delayMs / 1000} s`}`,
    description: `SIGKILL the ${service} process, start it again ${delayMs === 0 ? 'immediately' : `${delayMs / 1000} s later`}.`,
    instances: 1,
    async inject(ctx) {
      const [instance] = ctx.fleet.of(service);
      const injectAt = now();
      await ctx.fleet.kill(instance);
      await sleep(delayMs);
      return { injectAt, ...(await restart(ctx, instance)) };
    },
  };
}

function freeze(service: ServiceName, durationMs: number): Fault {
  return {
    name: `${service} SIGSTOP ${durationMs / 1000} s`,
    description: `SIGSTOP the ${service} process, SIGCONT it ${durationMs / 1000} s later.`,
    instances: 1,
    async inject(ctx) {
      const [instance] = ctx.fleet.of(service);
      const injectAt = now();
      ctx.fleet.freeze(instance);
      await sleep(durationMs);
      ctx.fleet.thaw(instance);
      const recoverAt = now();
      return { injectAt, recoverAt, backAt: await ctx.fleet.waitReady(instance, READY_TIMEOUT_MS) };
    },
  };
}

const kafkaKill: Fault = {
  name: 'kafka SIGKILL, restart after 10 s',
  description: 'SIGKILL the broker (KRaft, single node), start it again 10 s later with the infra runner.',
  instances: 1,
  async inject(ctx) {
    const injectAt = now();
    await ctx.infra.kill('kafka');
    await sleep(10_000);
    const recoverAt = now();
    await ctx.infra.up(['kafka']);
    return { injectAt, recoverAt, backAt: now() };
  },
};

const redisFlush: Fault = {
  name: 'redis FLUSHALL',
  description: "FLUSHALL on Redis: the order service's aggregation state and any cached data vanish.",
  instances: 1,
  async inject(ctx) {
    const injectAt = now();
    await ctx.infra.flushRedis();
    return { injectAt, recoverAt: injectAt, backAt: injectAt };
  },
};

const redisKill: Fault = {
  name: 'redis SIGKILL, restart after 3 s',
  description: 'SIGKILL redis-server (no persistence: it comes back empty), start it again 3 s later.',
  instances: 1,
  async inject(ctx) {
    const injectAt = now();
    await ctx.infra.kill('redis');
    await sleep(3_000);
    const recoverAt = now();
    await ctx.infra.up(['redis']);
    return { injectAt, recoverAt, backAt: now() };
  },
};

const postgresCrash: Fault = {
  name: 'postgres immediate stop, start after 3 s',
  description: '`pg_ctl stop -m immediate` (every backend killed, crash recovery at start), started again 3 s later.',
  instances: 1,
  async inject(ctx) {
    const injectAt = now();
    await ctx.infra.stopPostgresImmediately();
    await sleep(3_000);
    const recoverAt = now();
    await ctx.infra.up(['postgres']);
    return { injectAt, recoverAt, backAt: now() };
  },
};

async function leaderOf(ctx: FaultContext, service: ServiceName): Promise<ServiceInstance> {
  for (let i = 0; i < 20; i++) {
    const leader = await findRelayLeader(ctx.infra.postgresUrl, ctx.fleet, service);
    if (leader) return leader;
    await sleep(500);
  }
  throw new Error(`no relay leader found for ${service}`);
}

function relayLeaderKill(service: ServiceName): Fault {
  return {
    name: `${service} relay leader SIGKILL, restart after 5 s`,
    description: `Find the instance whose relay publishes ${service}'s outbox, SIGKILL it, start it again 5 s later.`,
    instances: 2,
    async inject(ctx) {
      const leader = await leaderOf(ctx, service);
      const injectAt = now();
      await ctx.fleet.kill(leader);
      await sleep(5_000);
      const timing = await restart(ctx, leader);
      return { injectAt, ...timing, note: `leader was ${leader.name}` };
    },
  };
}

function relayLeaderFreeze(service: ServiceName, durationMs: number): Fault {
  return {
    name: `${service} relay leader SIGSTOP ${durationMs / 1000} s`,
    description: `SIGSTOP the instance whose relay publishes ${service}'s outbox, SIGCONT it ${durationMs / 1000} s later.`,
    instances: 2,
    async inject(ctx) {
      const leader = await leaderOf(ctx, service);
      const injectAt = now();
      ctx.fleet.freeze(leader);
      await sleep(durationMs);
      ctx.fleet.thaw(leader);
      const recoverAt = now();
      return {
        injectAt,
        recoverAt,
        backAt: await ctx.fleet.waitReady(leader, READY_TIMEOUT_MS),
        note: `leader was ${leader.name}`,
      };
    },
  };
}

export const FULL_ONE_INSTANCE: Fault[] = [
  ...SERVICES.map((s) => killAndRestart(s, 5_000)),
  ...SERVICES.map((s) => killAndRestart(s, 0)),
  kafkaKill,
  freeze('order', 45_000),
  redisFlush,
  redisKill,
  // Last: today it takes the order service down (the suite restarts it and counts the exit).
  postgresCrash,
];

export const FULL_TWO_INSTANCES: Fault[] = [
  relayLeaderKill('order'),
  relayLeaderKill('product'),
  relayLeaderFreeze('order', 60_000),
  relayLeaderFreeze('product', 60_000),
];

/** The CI subset: faults the platform survives today, checked for correctness only. */
export const QUICK: Fault[] = [killAndRestart('product', 5_000), redisFlush];

export function catalog(mode: 'full' | 'quick', instances: 1 | 2): Fault[] {
  if (mode === 'quick') return QUICK;
  return instances === 2 ? FULL_TWO_INSTANCES : FULL_ONE_INSTANCE;
}
