import { createEvent, CouponIssueRequested } from '@saga/contracts';
import { InMemoryDatabase } from '../testing/in-memory';
import { PendingRequestRecorder } from './pending-request-recorder';

const requested = (couponId: string, userId: string) =>
  createEvent(CouponIssueRequested, {
    orderId: null,
    causationId: null,
    payload: { couponId, userId, requestedAt: new Date().toISOString() },
  });

/** Counts transactions; `failWhen` makes a transaction throw before its commit. */
class CountingDatabase extends InMemoryDatabase {
  transactions: number[] = [];
  failWhen: (keys: number) => boolean = () => false;
  override async run<T>(work: Parameters<InMemoryDatabase['run']>[0]): Promise<T> {
    let keys = 0;
    return super.run(async (tx, outbox) => {
      const result = await work(tx, {
        append: async (...events) => {
          keys += events.length;
          await outbox.append(...events);
        },
      });
      this.transactions.push(keys);
      if (this.failWhen(keys)) throw new Error('injected failure');
      return result as T;
    });
  }
}

describe('PendingRequestRecorder', () => {
  let db: CountingDatabase;
  let recorder: PendingRequestRecorder<unknown>;
  const record = (userId: string) => recorder.record({ couponId: 'C', userId }, requested('C', userId));

  beforeEach(() => {
    db = new CountingDatabase();
    recorder = new PendingRequestRecorder(db, db, 10);
  });

  it('writes a lone request at once and the requests arriving meanwhile together, at most maxBatch each', async () => {
    const users = Array.from({ length: 25 }, (_, i) => `u${i}`);
    await expect(Promise.all(users.map(record))).resolves.toEqual(users.map(() => true));
    expect(db.transactions).toEqual([1, 10, 10, 4]);
    expect(db.published.map((event) => (event.payload as { userId: string }).userId).sort()).toEqual([...users].sort());
    expect([...db.state.requests.values()].every((request) => request.status === 'PENDING')).toBe(true);
  });

  it('answers false for a request the database already holds, and writes no event for it', async () => {
    await record('u1');
    await expect(Promise.all([record('u1'), record('u2')])).resolves.toEqual([false, true]);
    expect(db.published).toHaveLength(2);
  });

  it('puts the same user twice into different transactions (a multi-row upsert touches a row once)', async () => {
    await expect(Promise.all([record('u0'), record('u1'), record('u1')])).resolves.toEqual([true, true, false]);
    expect(db.transactions).toEqual([1, 1, 0]);
  });

  it('retries a failed batch one request per transaction, so one failure fails only itself', async () => {
    const first = record('u0');
    const rest = ['u1', 'u2', 'u3'].map((u) => record(u).then(String, (error: Error) => error.message));
    db.failWhen = (keys) => keys > 1 || db.transactions.length === 4; // u2 alone
    await first;
    await expect(Promise.all(rest)).resolves.toEqual(['true', 'injected failure', 'true']);
    expect(db.transactions).toEqual([1, 3, 1, 1, 1]);
    expect([...db.state.requests.keys()].length).toBe(3);
  });
});
