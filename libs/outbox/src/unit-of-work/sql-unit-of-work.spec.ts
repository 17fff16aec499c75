import { createEvent, OrderPlaced } from '@saga/contracts';
import { SqlExecutor } from '../sql-executor';
import { SqlUnitOfWork, TransactionalClient } from './sql-unit-of-work';

class FakeTx implements SqlExecutor {
  readonly sql: string[] = [];
  async execute(sql: string): Promise<number> {
    this.sql.push(sql);
    return 1;
  }
  async query<T>(): Promise<T> {
    return [] as T;
  }
}

/** Behaves like Prisma's interactive transaction: a new tx per call, rejects when the callback rejects. */
class FakePrisma implements TransactionalClient<FakeTx> {
  readonly transactions: FakeTx[] = [];
  async $transaction<R>(fn: (tx: FakeTx) => Promise<R>): Promise<R> {
    const tx = new FakeTx();
    this.transactions.push(tx);
    return fn(tx);
  }
}

const event = () =>
  createEvent(OrderPlaced, {
    orderId: 'o1',
    causationId: null,
    payload: { userId: 'u', items: [{ productId: 'p', quantity: 1, unitPrice: 1 }], couponId: null, subtotal: 1 },
  });

describe('SqlUnitOfWork', () => {
  it('joins the ambient transaction for nested runs and across awaits', async () => {
    const prisma = new FakePrisma();
    const uow = new SqlUnitOfWork(prisma, { service: 'order' });
    await uow.run(async (outer) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await uow.run(async (inner, outbox) => {
        expect(inner).toBe(outer);
        await outbox.append(event());
      });
    });
    expect(prisma.transactions).toHaveLength(1);
    expect(prisma.transactions[0].sql).toEqual([expect.stringMatching(/INSERT INTO outbox_message/)]);
  });

  it('with commit hooks, inserts the events of a transaction with one statement just before COMMIT', async () => {
    const hooks: (() => Promise<void>)[] = [];
    const tx = Object.assign(new FakeTx(), { beforeCommit: (work: () => Promise<void>) => void hooks.push(work) });
    const client: TransactionalClient<FakeTx> = {
      $transaction: async (fn) => {
        const result = await fn(tx);
        for (let i = 0; i < hooks.length; i++) await hooks[i]!();
        return result;
      },
    };
    const values: unknown[][] = [];
    tx.execute = async (sql: string, ...args: unknown[]) => {
      tx.sql.push(sql);
      values.push(args);
      return 1;
    };
    const uow = new SqlUnitOfWork(client, { service: 'order' });
    const [first, second, third] = [event(), event(), event()];
    await uow.run(async (_tx, outbox) => {
      await outbox.append(first);
      await outbox.append(second, third);
      expect(tx.sql).toEqual([]);
    });
    expect(tx.sql).toHaveLength(1);
    expect(values[0]![0]).toEqual([first.eventId, second.eventId, third.eventId]);
  });

  it('hands the events statement to withCommit where the transaction sends one with its COMMIT', async () => {
    const last: { sql: string; values: unknown[] }[] = [];
    const hooks: (() => Promise<void>)[] = [];
    const tx = Object.assign(new FakeTx(), {
      beforeCommit: (work: () => Promise<void>) => void hooks.push(work),
      withCommit: (sql: string, ...values: unknown[]) => void last.push({ sql, values }),
    });
    const client: TransactionalClient<FakeTx> = {
      $transaction: async (fn) => {
        const result = await fn(tx);
        for (const hook of hooks) await hook();
        return result;
      },
    };
    const [first, second] = [event(), event()];
    await new SqlUnitOfWork(client, { service: 'order' }).run(async (_tx, outbox) => {
      await outbox.append(first);
      await outbox.append(second);
    });
    expect(tx.sql).toEqual([]);
    expect(last).toHaveLength(1);
    expect(last[0]!.values[0]).toEqual([first.eventId, second.eventId]);
  });

  it('starts separate transactions for concurrent top-level runs', async () => {
    const prisma = new FakePrisma();
    const uow = new SqlUnitOfWork(prisma, { service: 'order' });
    await Promise.all([uow.run(async () => undefined), uow.run(async () => undefined)]);
    expect(prisma.transactions).toHaveLength(2);
  });

  it('calls onCommitted once after a transaction that appended, never on failure or without events', async () => {
    const onCommitted = jest.fn();
    const uow = new SqlUnitOfWork(new FakePrisma(), { service: 'order', onCommitted });
    await uow.run(async () => undefined);
    await expect(
      uow.run(async (_tx, outbox) => {
        await outbox.append(event());
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(onCommitted).not.toHaveBeenCalled();
    await uow.run(async (_tx, outbox) => {
      await outbox.append(event());
      await uow.run((_inner, inner) => inner.append(event()));
    });
    expect(onCommitted).toHaveBeenCalledTimes(1);
  });

  it('does not join another unit of work (another database)', async () => {
    const a = new FakePrisma();
    const b = new FakePrisma();
    const uowA = new SqlUnitOfWork(a, { service: 'a' });
    const uowB = new SqlUnitOfWork(b, { service: 'b' });
    await uowA.run(() => uowB.run(async () => undefined));
    expect([a.transactions.length, b.transactions.length]).toEqual([1, 1]);
  });
});
