import { randomUUID } from 'node:crypto';
import { Envelope } from '@saga/contracts';
import { currentEndpoints } from '@saga/test-harness';
import { EventInjector, EventTap, InjectedRecord, RunTopics } from '../../libs/test-harness/src/saga-suite';
import { OrderView } from './api-client';
import { InterferenceMonitor } from './interference-monitor';
import { assertInvariants } from './invariants';
import { Platform, PlatformOptions, SERVICES } from './platform';
import { Scenario } from './scenario';

type SuiteOptions = Omit<PlatformOptions, 'topicPrefix'> & { terminalWithinMs: number };

/**
 * Per test file: one running platform, a tap on every topic and an injector, plus the current scenario,
 * whose invariants are asserted after every test (so no scenario can forget them).
 */
export class SagaSuite {
  platform!: Platform;
  tap!: EventTap;
  injector!: EventInjector;
  monitor!: InterferenceMonitor;
  topics!: RunTopics;
  private current: Scenario | null = null;

  constructor(private readonly options: SuiteOptions) {}

  async start(): Promise<void> {
    const { kafkaBrokers } = currentEndpoints();
    this.topics = await RunTopics.create({ brokers: kafkaBrokers, prefix: `sagasuite-${randomUUID().slice(0, 8)}.` });
    this.tap = await EventTap.start({ brokers: kafkaBrokers, topics: this.topics.names(), fromBeginning: true });
    this.injector = await EventInjector.connect({ brokers: kafkaBrokers, topicPrefix: this.topics.prefix });
    this.platform = await Platform.start({ ...this.options, topicPrefix: this.topics.prefix });
    this.monitor = new InterferenceMonitor(this.injector, SERVICES, this.topics.prefix);
    this.monitor.start();
  }

  async stop(): Promise<void> {
    this.monitor?.stop();
    await this.platform?.stop();
    await this.injector?.disconnect();
    await this.tap?.stop();
    await this.topics?.delete();
  }

  scenario(name: string): Scenario {
    this.current = new Scenario(name, this.platform.api, this.tap);
    return this.current;
  }

  /** Asserts the current scenario's invariants now; they are asserted again after the test. */
  async assertInvariants(): Promise<Map<string, OrderView>> {
    if (!this.current) throw new Error('no scenario started');
    return assertInvariants(this.current, { terminalWithinMs: this.options.terminalWithinMs });
  }

  /** Publishes an event as if a service had, remembering it was the test's own. */
  async inject(envelope: Envelope): Promise<InjectedRecord> {
    this.tap.markInjected(envelope.eventId);
    return this.injector.publishEnvelope(envelope);
  }

  async assertCurrentInvariants(): Promise<void> {
    const scenario = this.current;
    this.current = null;
    let failure: unknown = null;
    if (scenario) {
      await assertInvariants(scenario, { terminalWithinMs: this.options.terminalWithinMs }).catch((e) => (failure = e));
    }
    const strangers = this.monitor.takeSightings();
    if (strangers.size > 0) {
      throw new Error(
        `INVALID RUN: other service instances joined this suite's consumer groups during the test ` +
          `(${[...strangers].map(([g, n]) => `${g}: ${n} members`).join(', ')}); they took a share of the ` +
          `events to their own databases, so the result says nothing about the services. ` +
          `${failure ? `Invariant failure was: ${(failure as Error).message}` : ''}`,
      );
    }
    if (failure) throw failure;
  }
}

/** Registers the suite's lifecycle and the after-every-scenario invariant check with jest. */
export function useSagaSuite(options: SuiteOptions): SagaSuite {
  const suite = new SagaSuite(options);
  beforeAll(() => suite.start(), 240000);
  afterEach(() => suite.assertCurrentInvariants(), 180000);
  afterAll(() => suite.stop(), 60000);
  return suite;
}

export function expectCancelled(order: OrderView, reason: string): void {
  expect(order).toMatchObject({ status: 'CANCELLED', failureReason: reason });
}
