export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency is usable; rejects (or times out) otherwise. */
  check(): Promise<void>;
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

const CHECK_TIMEOUT_MS = 3000;

async function withTimeout(promise: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs}ms`)), timeoutMs);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runReadinessChecks(
  checks: ReadinessCheck[],
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        await withTimeout(
          Promise.resolve().then(() => c.check()),
          timeoutMs,
        );
        return [c.name, { status: 'up' as const }] as const;
      } catch (error) {
        return [
          c.name,
          { status: 'down' as const, error: error instanceof Error ? error.message : String(error) },
        ] as const;
      }
    }),
  );
  const allUp = results.every(([, r]) => r.status === 'up');
  return { status: allUp ? 'ok' : 'unavailable', checks: Object.fromEntries(results) };
}

export function sqlReadiness(sql: { query(sql: string): Promise<unknown> }, name = 'postgres'): ReadinessCheck {
  return { name, check: async () => void (await sql.query('SELECT 1')) };
}

/** Pass a connected kafkajs Admin, or any function that talks to the brokers. */
export function kafkaReadiness(
  probe: { listTopics(): Promise<unknown> } | (() => Promise<unknown>),
  name = 'kafka',
): ReadinessCheck {
  return {
    name,
    check: async () => void (await (typeof probe === 'function' ? probe() : probe.listTopics())),
  };
}

export function redisReadiness(redis: { ping(): Promise<string> }, name = 'redis'): ReadinessCheck {
  return {
    name,
    check: async () => {
      const reply = await redis.ping();
      if (reply !== 'PONG') throw new Error(`unexpected PING reply ${reply}`);
    },
  };
}
