import type { ConsumerOutcome } from '@saga/metrics';
import { IncomingMessage, isRetryLater, MessageProcessor } from '../message-processor';

/**
 * Hands a message to the processor again after every RetryLater, as ConsumerHost does by fetching it
 * again once its partition resumes; `delays` receives each requested delay.
 */
export async function processUntilDone(
  processor: MessageProcessor,
  message: IncomingMessage,
  delays: number[] = [],
): Promise<ConsumerOutcome> {
  for (;;) {
    const attempted = await processor.process(message);
    if (!isRetryLater(attempted)) return attempted;
    delays.push(attempted.retryAfterMs);
  }
}

/** The processor as ConsumerHost drives it: `process` resolves only once the message is done. */
export function redelivering(processor: MessageProcessor, delays: number[] = []): MessageProcessor {
  return Object.assign(Object.create(processor) as MessageProcessor, {
    process: (message: IncomingMessage) => processUntilDone(processor, message, delays),
  });
}

/** processBatch as ConsumerHost drives it: what is not done is handed back (from the message to retry) until all is. */
export async function processBatchUntilDone(
  processor: MessageProcessor,
  messages: readonly IncomingMessage[],
  delays: number[] = [],
): Promise<ConsumerOutcome[]> {
  const outcomes: ConsumerOutcome[] = [];
  let rest = messages;
  while (rest.length > 0) {
    const result = await processor.processBatch(rest);
    outcomes.push(...result.outcomes);
    rest = rest.slice(result.outcomes.length);
    if (result.retryAfterMs !== undefined) delays.push(result.retryAfterMs);
  }
  return outcomes;
}
