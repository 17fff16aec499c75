import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { OrderPlaced } from '@saga/contracts';
import { ConsumerHost, type EventHandler } from '@saga/messaging';
import { SqlUnitOfWork, type SqlExecutor, type UnitOfWork } from '@saga/outbox';
import type { ServiceRuntimeConfig } from './config/service-runtime-config';
import { ServiceRuntimeModule } from './service-runtime.module';
import { KAFKA, OUTBOX_RELAY, SQL_CLIENT, UNIT_OF_WORK } from './tokens';

const config: ServiceRuntimeConfig = {
  service: 'spec',
  databaseUrl: 'postgresql://saga:saga@127.0.0.1:1/none',
  databasePoolSize: 1,
  kafkaBrokers: ['127.0.0.1:1'],
  jwtSecret: 'spec-secret-0123456789',
  logLevel: 'silent',
  retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
  partitionsConsumedConcurrently: 1,
  commitIntervalMs: 100,
  maxBatchSize: 50,
  outbox: { notify: true, pollIntervalMs: 100, batchSize: 10, lingerMs: 0, retentionHours: 1 },
  consumersEnabled: true,
};

const events: string[] = [];

/** A service adapter built on the shared unit of work, as a service's own provider. */
@Injectable()
class Shipments {
  constructor(@Inject(UNIT_OF_WORK) readonly uow: UnitOfWork<SqlExecutor>) {}
}

@Injectable()
class ShipOnOrderPlaced implements EventHandler<typeof OrderPlaced> {
  readonly name = 'ShipOnOrderPlaced';
  readonly event = OrderPlaced;
  constructor(readonly shipments: Shipments) {}
  async handle(): Promise<void> {}
}

async function compile(config: ServiceRuntimeConfig) {
  const relay = {
    notifyId: 'n-1',
    start: async () => void events.push('relay started'),
    stop: async () => void events.push('relay stopped'),
    wake: () => undefined,
  };
  const sql = {
    $connect: async () => undefined,
    $disconnect: async () => void events.push('pool closed'),
  };
  const kafka = { admin: () => ({ disconnect: async () => undefined }) };
  return Test.createTestingModule({
    imports: [ServiceRuntimeModule.forRoot({ config, providers: [Shipments], handlers: [ShipOnOrderPlaced] })],
  })
    .overrideProvider(OUTBOX_RELAY)
    .useValue(relay)
    .overrideProvider(SQL_CLIENT)
    .useValue(sql)
    .overrideProvider(KAFKA)
    .useValue(kafka)
    .compile();
}

describe('ServiceRuntimeModule', () => {
  beforeEach(() => {
    events.splice(0);
    jest
      .spyOn(ConsumerHost.prototype, 'startInBackground')
      .mockImplementation(() => void events.push('consumers started'));
    jest.spyOn(ConsumerHost.prototype, 'stop').mockImplementation(async () => void events.push('consumers stopped'));
  });
  afterEach(() => jest.restoreAllMocks());

  it("builds the service's providers and handlers on the shared unit of work", async () => {
    const app = await compile(config);
    expect(app.get(Shipments).uow).toBeInstanceOf(SqlUnitOfWork);
    expect(app.get(ShipOnOrderPlaced).shipments).toBe(app.get(Shipments));
    await app.close();
  });

  it('starts the relay before the consumers; on shutdown stops consumers, then the relay, then closes the pool', async () => {
    const app = await compile(config);
    await app.init();
    await app.close();
    expect(events).toEqual(['relay started', 'consumers started', 'consumers stopped', 'relay stopped', 'pool closed']);
  });

  it('joins no consumer group when consumers are disabled (HTTP only)', async () => {
    const app = await compile({ ...config, consumersEnabled: false });
    await app.init();
    await app.close();
    expect(events).toEqual(['relay started', 'relay stopped', 'pool closed']);
  });
});
