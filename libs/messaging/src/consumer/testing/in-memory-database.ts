import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlExecutor, UnitOfWork } from '@saga/outbox';

interface Pending {
  inbox: string[];
  effects: string[];
}

/**
 * The in-memory twin of SqlUnitOfWork + processed_message + a business table: a nested run joins the
 * ambient transaction, concurrent runs get their own; inbox records and effects become visible only when
 * the transaction's work resolves (and the commit does not fail). Inbox keys are `<handler id>/<event id>`.
 */
export class InMemoryDatabase implements UnitOfWork<SqlExecutor> {
  readonly inbox = new Set<string>();
  readonly effects: string[] = [];
  transactions = 0;
  failNextCommit = false;
  private readonly ambient = new AsyncLocalStorage<Pending>();

  async run<T>(work: (tx: SqlExecutor, outbox: never) => Promise<T>): Promise<T> {
    const joined = this.ambient.getStore();
    if (joined) return work(this.executor(joined), undefined as never);
    this.transactions++;
    const pending: Pending = { inbox: [], effects: [] };
    const result = await this.ambient.run(pending, () => work(this.executor(pending), undefined as never));
    if (this.failNextCommit) {
      this.failNextCommit = false;
      throw new Error('connection lost during COMMIT');
    }
    pending.inbox.forEach((key) => this.inbox.add(key));
    this.effects.push(...pending.effects);
    return result;
  }

  /** A business write of the ambient transaction. */
  effect(value: string): void {
    const pending = this.ambient.getStore();
    if (!pending) throw new Error('effect outside a transaction');
    pending.effects.push(value);
  }

  private executor(pending: Pending): SqlExecutor {
    const record = (group: string, eventId: string) => {
      const key = `${group}/${eventId}`;
      if (this.inbox.has(key) || pending.inbox.includes(key)) return false;
      pending.inbox.push(key);
      return true;
    };
    return {
      execute: async (_sql, group, eventId) => (record(group as string, eventId as string) ? 1 : 0),
      // the batch insert: an array of handler ids and one of event ids, returns the new pairs
      query: async <R>(_sql: string, groups: unknown, ids: unknown) => {
        const handlers = groups as string[];
        return (ids as string[])
          .map((event_id, i) => ({ consumer_group: handlers[i]!, event_id }))
          .filter(({ consumer_group, event_id }) => record(consumer_group, event_id)) as R;
      },
    };
  }
}
