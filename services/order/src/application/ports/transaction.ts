import type { OutboxAppender } from '@saga/outbox';

/**
 * One DB transaction over the stores a use case needs. Inside a consumer it joins the consumer's
 * transaction, so state, outbox rows and the inbox record commit together.
 */
export interface TransactionRunner<TStores> {
  run<T>(work: (stores: TStores, outbox: OutboxAppender) => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
