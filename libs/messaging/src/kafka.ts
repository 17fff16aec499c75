import { Kafka, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export interface CreateKafkaOptions {
  clientId: string;
  brokers: string[];
  logger?: Logger;
}

/** One Kafka client per process; kafkajs logs go to pino (warn and above). */
export function createKafka(options: CreateKafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    retry: { initialRetryTime: 100, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: options.logger ? pinoLogCreator(options.logger) : undefined,
  });
}

function pinoLogCreator(logger: Logger) {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      if (level <= logLevel.ERROR) child.error(extra, message);
      else if (level === logLevel.WARN) child.warn(extra, message);
      else if (level === logLevel.INFO) child.info(extra, message);
      else child.debug(extra, message);
    };
}
