import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConsumerHost, type EventHandler } from '@saga/messaging';
import { SqlUnitOfWork } from '@saga/outbox';
import { sqlClientAdapter, unitOfWorkAdapter } from './adapters';
import type { ParticipantConfig } from './config/participant-config';
import { participantConsumers } from './messaging/participant-consumers';
import { ParticipantInfrastructureModule } from './participant-infrastructure.module';
import { KAFKA, OUTBOX_RELAY, SQL_CLIENT } from './tokens';

const config: ParticipantConfig = {
  service: 'spec',
  databaseUrl: 'postgresql://saga:saga@127.0.0.1:1/none',
  databasePoolSize: 1,
  kafkaBrokers: ['127.0.0.1:1'],
  jwtSecret: 'spec-secret-0123456789',
  logLevel: 'silent',
  retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
  partitionsConsumedConcurrently: 1,
  commitIntervalMs: 100,
  outbox: { notify: true, pollIntervalMs: 100, batchSize: 10, lingerMs: 0, retentionHours: 1 },
  consumersEnabled: true,
};

const WRITES = Symbol('Writes');
const READS = Symbol('Reads');
const events: string[] = [];

@Injectable()
class ShipOnOrderPlaced implements EventHandler {
  readonly name = 'ShipOnOrderPlaced';
  readonly topic = 'order.processing';
  async handle(): Promise<void> {}
}
@Module({ providers: [ShipOnOrderPlaced, participantConsumers([ShipOnOrderPlaced])] })
class SubscriptionsModule {}

async function compile(config: ParticipantConfig) {
  const relay = {
    notifyId: 'n-1',
    start: async () => void events.push('relay started'),
    stop: async () => void events.push('relay stopped'),
    wake: () => undefined,
  };
  const sql = { $executeRawUnsafe: async () => 0, $disconnect: async () => void events.push('pool closed') };
  const kafka = { admin: () => ({ disconnect: async () => undefined }) };
  return Test.createTestingModule({
    imports: [
      ParticipantInfrastructureModule.forRoot({
        config,
        adapters: [unitOfWorkAdapter(WRITES, (uow) => ({ uow })), sqlClientAdapter(READS, (client) => ({ client }))],
      }),
      SubscriptionsModule,
    ],
  })
    .overrideProvider(OUTBOX_RELAY)
    .useValue(relay)
    .overrideProvider(SQL_CLIENT)
    .useValue(sql)
    .overrideProvider(KAFKA)
    .useValue(kafka)
    .compile();
}

describe('ParticipantInfrastructureModule', () => {
  beforeEach(() => {
    events.splice(0);
    jest
      .spyOn(ConsumerHost.prototype, 'startInBackground')
      .mockImplementation(() => void events.push('consumers started'));
    jest.spyOn(ConsumerHost.prototype, 'stop').mockImplementation(async () => void events.push('consumers stopped'));
  });
  afterEach(() => jest.restoreAllMocks());

  it("builds the service's adapters on the shared unit of work and SQL pool", async () => {
    const app = await compile(config);
    expect(app.get<{ uow: unknown }>(WRITES).uow).toBeInstanceOf(SqlUnitOfWork);
    expect(app.get<{ client: unknown }>(READS).client).toBe(app.get(SQL_CLIENT));
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
