import { BatchResult, Heartbeat, IncomingMessage, MessageProcessor } from './message-processor';
import type { TogetherPart } from './together';

/** What a fetched chunk of one partition came to: the last offset every handler finished, and when to retry. */
export interface ChunkResult {
  /** Offset of the last message every handler of the topic is done with; null when none. */
  lastDone: string | null;
  /** Set when a handler must try the next message again later: the partition waits this long. */
  retryAfterMs?: number;
}

/**
 * The handlers of one topic within a service's consumer group. Each handler keeps its own inbox key,
 * retries and dead letters; a chunk goes through them in registration order, each only as far as the
 * ones before it got, so a message is never handled by one handler after a later message was skipped
 * by another. What is not done is fetched again (handlers that already did it see an inbox duplicate).
 */
export class TopicRoute {
  constructor(private readonly processors: readonly Pick<MessageProcessor, 'processBatch' | 'prepareTogether'>[]) {}

  async process(chunk: readonly IncomingMessage[], heartbeat?: Heartbeat): Promise<ChunkResult> {
    let done = chunk.length;
    let retryAfterMs: number | undefined;
    for (const processor of this.processors) {
      if (done === 0) break;
      const result: BatchResult = await processor.processBatch(chunk.slice(0, done), heartbeat);
      done = Math.min(done, result.outcomes.length);
      if (result.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, result.retryAfterMs);
    }
    return { lastDone: done > 0 ? chunk[done - 1]!.offset : null, retryAfterMs };
  }

  /**
   * The chunk for every handler of the topic, ready for a transaction shared with other chunks
   * (ChunkGatherer); null when any handler must take it the usual way (an invalid or retried message).
   */
  prepareTogether(chunk: readonly IncomingMessage[]): TogetherPart[] | null {
    const parts: TogetherPart[] = [];
    for (const processor of this.processors) {
      const part = processor.prepareTogether(chunk);
      if (!part) {
        for (const prepared of parts) prepared.abandon('another handler of the topic takes the messages alone');
        return null;
      }
      parts.push(part);
    }
    return parts;
  }
}
