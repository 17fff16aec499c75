import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@saga/contracts';
import { createTopics, readAll, testKafka, uniqueId, waitFor } from '@saga/test-harness';
import { OutboxRelay, SqlUnitOfWork } from '../src';
import { newOrderId, orderPlaced } from './support/events';
import { createOutboxTestDatabase, OutboxTestDatabase } from './support/test-database';
import { createTestPrisma, TestPrisma } from './support/test-prisma';
import { testLogger } from './support/test-logger';

jest.setTimeout(120_000);

const LEASE_MS = 4_000;
const packageDir = join(__dirname, '..');

/** A relay in a child process (test/support/relay-child.ts) that says when it leads or freezes. */
function spawnRelay(env: Record<string, string>): { child: ChildProcess; said(event: string): boolean } {
  const events = new Set<string>();
  const child = spawn(
    process.execPath,
    // tsx as a loader, not its CLI: the CLI runs the script in a grandchild, and the pid must be the relay's
    ['--import', 'tsx', 'test/support/relay-child.ts'],
    {
      cwd: packageDir,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.run.json', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  child.stdout!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      try {
        events.add((JSON.parse(line) as { event: string }).event);
      } catch {
        // not one of ours
      }
    }
  });
  return { child, said: (event) => events.has(event) };
}

function isStopped(pid: number): boolean {
  // /proc/<pid>/stat: "pid (comm) state ..."; T = stopped by a signal
  return / T /.test(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/\(.*\)/, '()'));
}

describe('outbox relay leadership: a frozen leader is replaced and fenced', () => {
  let db: OutboxTestDatabase;
  let prisma: TestPrisma;
  let topic: string;
  let prefix: string;
  let child: ChildProcess | undefined;
  const relays: OutboxRelay[] = [];
  const service = 'takeover';

  beforeEach(async () => {
    db = await createOutboxTestDatabase();
    prisma = createTestPrisma(db.url);
    prefix = `${uniqueId('tk')}.`;
    topic = `${prefix}${Topics.OrderProcessing}`;
    await createTopics([topic]);
  });

  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await prisma.$disconnect();
    await db.drop();
  });

  it('takes over within the lease after the leader froze mid-publish; the zombie commit is fenced, every event is published once, in order', async () => {
    const spawned = spawnRelay({
      RELAY_SERVICE: service,
      RELAY_DATABASE_URL: db.url,
      RELAY_LEASE_MS: String(LEASE_MS),
      FREEZE_BEFORE_COMMIT: '1',
    });
    child = spawned.child;
    await waitFor(() => spawned.said('leader'), { description: 'child relay leads', timeoutMs: 60_000 });

    const standby = new OutboxRelay({
      service,
      databaseUrl: db.url,
      producer: testKafka(),
      logger: testLogger,
      leaseMs: LEASE_MS,
      pollIntervalMs: 200,
      lockRetryMs: 200,
      metrics: false,
    });
    relays.push(standby);
    await standby.start();

    const uow = new SqlUnitOfWork(prisma, { service, topicPrefix: prefix });
    const orderId = newOrderId();
    const events = [1, 2, 3, 4, 5, 6].map((seq) => orderPlaced(orderId, seq));
    await uow.run((_tx, outbox) => outbox.append(events[0], events[1], events[2]));

    // the child sends the batch in a transaction and stops itself before the commit
    await waitFor(() => spawned.said('freezing-before-commit'), { description: 'leader frozen mid-publish' });
    await waitFor(() => isStopped(child!.pid!), { description: 'child stopped' });
    const frozenAt = Date.now();
    expect(standby.isLeader).toBe(false);

    await waitFor(() => standby.isLeader, { description: 'standby takes over', timeoutMs: 3 * LEASE_MS });
    const takeoverMs = Date.now() - frozenAt;
    console.log(`relay takeover ${takeoverMs} ms after the leader froze (lease ${LEASE_MS} ms)`);
    expect(takeoverMs).toBeGreaterThanOrEqual(LEASE_MS - 500);

    await uow.run((_tx, outbox) => outbox.append(events[3], events[4]));
    await waitFor(async () => (await standby.stats()).unpublished === 0, { description: 'standby drained' });

    // the zombie wakes up and tries to commit the transaction it had open: fenced
    child.kill('SIGCONT');
    await uow.run((_tx, outbox) => outbox.append(events[5]));
    await waitFor(async () => (await standby.stats()).unpublished === 0, { description: 'drained again' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(standby.isLeader).toBe(true);

    const published = (await readAll(topic)).map((message) => message.headers['x-event-id']);
    expect(published).toEqual(events.map((event) => event.eventId));
  });
});
