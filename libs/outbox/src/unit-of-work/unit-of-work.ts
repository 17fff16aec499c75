import { Envelope } from '@saga/contracts';

export interface OutboxAppender {
  append(...events: Envelope[]): Promise<void>;
}

export interface UnitOfWork<TTx> {
  /**
   * One DB transaction. Joins the ambient one (AsyncLocalStorage) when called inside another run()
   * of the same unit of work (e.g. the consumer wrapper's), so handler effects, outbox rows and the
   * inbox record commit together.
   */
  run<T>(work: (tx: TTx, outbox: OutboxAppender) => Promise<T>): Promise<T>;
}
