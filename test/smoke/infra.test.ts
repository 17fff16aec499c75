import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import {
  createTestDatabase,
  createTopics,
  currentEndpoints,
  jaeger,
  readAll,
  testKafka,
  uniqueId,
} from '@saga/test-harness';

const repoRoot = resolve(__dirname, '..', '..');
const endpoints = currentEndpoints();

describe('infrastructure smoke', () => {
  it('Kafka: a produced record is read back with its key and headers', async () => {
    const topic = uniqueId('smoke');
    await createTopics([topic], { partitions: 2 });
    const producer = testKafka().producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'k1', value: 'hello', headers: { h: 'v' } },
        { key: 'k2', value: 'world' },
      ],
    });
    await producer.disconnect();

    const records = await readAll(topic);

    expect(records.map((r) => [r.key, r.value]).sort()).toEqual([
      ['k1', 'hello'],
      ['k2', 'world'],
    ]);
    expect(records.find((r) => r.key === 'k1')?.headers).toEqual({ h: 'v' });
  });

  it('Kafka: a consumer group receives what was produced after it joined', async () => {
    const kafka = testKafka();
    const topic = uniqueId('smoke-group');
    await createTopics([topic]);
    const consumer = kafka.consumer({ groupId: uniqueId('smoke') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: string[] = [];
    const done = new Promise<void>((resolveDone) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value!.toString());
          if (received.length === 5) resolveDone();
        },
      });
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [1, 2, 3, 4, 5].map((n) => ({ key: String(n), value: `m${n}` })) });
    await producer.disconnect();
    await done;
    await consumer.disconnect();
    expect(received.sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('Redis: a value round-trips', async () => {
    const redis = new Redis(endpoints.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const key = uniqueId('smoke');
    try {
      await redis.set(key, 'value', 'EX', 60);
      expect(await redis.get(key)).toBe('value');
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });

  describe.each(servicesWithMigrations())('PostgreSQL: %s migrations', (service) => {
    it('apply to a fresh database that the generated Prisma client can query', async () => {
      const database = await createTestDatabase(join(repoRoot, 'services', service, 'prisma', 'migrations'));
      const prisma = prismaClientFor(service, database.url);
      try {
        expect(await prisma.outboxMessage.count()).toBe(0);
        const rows = await prisma.$queryRawUnsafe<{ n: number }[]>('select count(*)::int as n from processed_message');
        expect(rows[0].n).toBe(0);
      } finally {
        await prisma.$disconnect();
        await database.drop();
      }
    });
  });

  it('Jaeger: a span exported over OTLP/HTTP can be read back from the query API', async () => {
    const traceId = randomBytes(16).toString('hex');
    const spanId = randomBytes(8).toString('hex');
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const response = await fetch(`${endpoints.otlpEndpoint}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'smoke-test' } }] },
            scopeSpans: [
              {
                scope: { name: 'smoke' },
                spans: [
                  {
                    traceId,
                    spanId,
                    name: 'smoke.span',
                    kind: 1,
                    startTimeUnixNano: String(nowNs),
                    endTimeUnixNano: String(nowNs + 1_000_000n),
                    attributes: [{ key: 'smoke.id', value: { stringValue: traceId } }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(response.status).toBe(200);

    const trace = await jaeger.getTrace(traceId);

    expect(trace.spans).toHaveLength(1);
    expect(trace.spans[0]).toMatchObject({ spanID: spanId, operationName: 'smoke.span' });
    expect(jaeger.serviceOf(trace, trace.spans[0])).toBe('smoke-test');
    const found = await jaeger.findTraces({ service: 'smoke-test', tags: { 'smoke.id': traceId } });
    expect(found.map((t) => t.traceID)).toEqual([traceId]);
  });
});

function servicesWithMigrations(): string[] {
  const services = readdirSync(join(repoRoot, 'services'));
  return services.filter((s) => existsSync(join(repoRoot, 'services', s, 'prisma', 'migrations')));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service has its own generated client type
function prismaClientFor(service: string, url: string): any {
  const serviceDir = join(repoRoot, 'services', service);
  const requireFromService = createRequire(join(serviceDir, 'package.json'));
  const { PrismaPg } = requireFromService('@prisma/adapter-pg');
  const generated = join(serviceDir, 'src', 'infrastructure', 'prisma', 'generated', 'client');
  // only this test uses the generated clients, so they are generated here on first use, not by `pnpm build`
  if (!existsSync(`${generated}.ts`)) {
    execFileSync('pnpm', ['run', 'prisma:generate'], { cwd: serviceDir, stdio: 'inherit' });
  }
  const { PrismaClient } = requireFromService(generated);
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}
