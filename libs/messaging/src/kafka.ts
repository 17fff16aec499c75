import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export interface CreateKafkaOptions {
  clientId: string;
  brokers: string[];
  logger?: Logger;
  /**
   * Longest wait between two retries of a request (and before a crashed consumer restarts). kafkajs'
   * default is 30 s, which turned a 10 s broker outage into up to a minute of silence. Default 2000.
   */
  retryMaxMs?: number;
}

/** One Kafka client per process; kafkajs logs go to pino (warn and above). */
export function createKafka(options: CreateKafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    // retries: enough attempts that a broker restart (~10-20 s) is outlasted at the capped interval
    retry: { initialRetryTime: 100, maxRetryTime: options.retryMaxMs ?? 2000, retries: 10 },
    logLevel: logLevel.WARN,
    logCreator: options.logger ? pinoLogCreator(options.logger) : undefined,
  });
}

/**
 * kafkajs' own messages of a group rebalance: every member's heartbeat or commit is answered with
 * REBALANCE_IN_PROGRESS while the group rebalances (an instance joined or left), and kafkajs logs that
 * at error level although it only rejoins. Likewise CONCURRENT_TRANSACTIONS, answered to a new relay
 * leader's InitProducerId while the broker aborts the fenced leader's transaction (retried).
 * Logged at info; everything else keeps its level.
 */
const ROUTINE_REBALANCE =
  /The group is rebalancing|REBALANCE_IN_PROGRESS|CONCURRENT_TRANSACTIONS|another concurrent operation on the same transaction/;

export function isRoutineRebalance(entry: { message?: unknown; error?: unknown; type?: unknown }): boolean {
  return [entry.message, entry.error, entry.type].some(
    (text) => typeof text === 'string' && ROUTINE_REBALANCE.test(text),
  );
}

export function pinoLogCreator(logger: Logger) {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      if (level <= logLevel.WARN && isRoutineRebalance(log)) child.info(extra, message);
      else if (level <= logLevel.ERROR) child.error(extra, message);
      else if (level === logLevel.WARN) child.warn(extra, message);
      else if (level === logLevel.INFO) child.info(extra, message);
      else child.debug(extra, message);
    };
}
