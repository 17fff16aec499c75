/**
 * An outbox relay in its own process, for the takeover test: it can be frozen with SIGSTOP like a
 * real instance. With FREEZE_BEFORE_COMMIT=1 it stops itself inside its first non-empty Kafka
 * transaction, after the records were sent and before the commit: a leader frozen mid-publish.
 * Prints one JSON line per event of interest on stdout.
 */
import type { Kafka, Producer, Transaction } from 'kafkajs';
import pino from 'pino';
import { OutboxRelay } from '../../src';
import { testKafka } from '@saga/test-harness';

const say = (event: string) => process.stdout.write(`${JSON.stringify({ event })}\n`);

function freezingBeforeFirstCommit(kafka: Kafka): Kafka {
  let frozen = false;
  const wrapTransaction = (transaction: Transaction): Transaction => {
    let sent = false;
    return new Proxy(transaction, {
      get(target, property, receiver) {
        if (property === 'sendBatch')
          return async (...args: Parameters<Transaction['sendBatch']>) => {
            sent = true;
            return target.sendBatch(...args);
          };
        if (property === 'commit')
          return async () => {
            if (sent && !frozen) {
              frozen = true;
              say('freezing-before-commit');
              process.kill(process.pid, 'SIGSTOP');
            }
            return target.commit();
          };
        return Reflect.get(target, property, receiver);
      },
    });
  };
  return new Proxy(kafka, {
    get(target, property, receiver) {
      if (property !== 'producer') return Reflect.get(target, property, receiver);
      return (...args: Parameters<Kafka['producer']>): Producer => {
        const producer = target.producer(...args);
        return new Proxy(producer, {
          get(p, prop, r) {
            if (prop === 'transaction') return async () => wrapTransaction(await p.transaction());
            return Reflect.get(p, prop, r);
          },
        });
      };
    },
  });
}

async function main(): Promise<void> {
  const kafka = testKafka();
  const relay = new OutboxRelay({
    service: process.env.RELAY_SERVICE!,
    databaseUrl: process.env.RELAY_DATABASE_URL!,
    producer: process.env.FREEZE_BEFORE_COMMIT === '1' ? freezingBeforeFirstCommit(kafka) : kafka,
    logger: pino({ level: 'warn' }, pino.destination(2)),
    leaseMs: Number(process.env.RELAY_LEASE_MS ?? 10_000),
    pollIntervalMs: 200,
    lockRetryMs: 200,
    metrics: false,
  });
  await relay.start();
  const leader = setInterval(() => {
    if (relay.isLeader) {
      say('leader');
      clearInterval(leader);
    }
  }, 50);
  process.once('SIGTERM', () => void relay.stop().then(() => process.exit(0)));
}

void main();
