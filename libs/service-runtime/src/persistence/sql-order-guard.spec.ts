import type { SqlExecutor } from '@saga/outbox';
import { SqlOrderGuard } from './sql-order-guard';

function recordingExecutor(rows: unknown[] = []) {
  const calls: Array<{ sql: string; values: unknown[] }> = [];
  const tx: SqlExecutor = {
    execute: async (sql, ...values) => (calls.push({ sql, values }), 1),
    query: async <T>(sql: string, ...values: unknown[]) => (calls.push({ sql, values }), rows as T),
  };
  return { tx, calls };
}

describe('SqlOrderGuard', () => {
  it('takes the transaction advisory lock keyed `order:<orderId>` (the key product and user always used)', async () => {
    const { tx, calls } = recordingExecutor();
    await new SqlOrderGuard(tx).lock('o-1');
    expect(calls).toEqual([{ sql: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', values: ['order:o-1'] }]);
  });

  it('reads and writes order_tombstone, a second tombstone changing nothing', async () => {
    const tombstoned = recordingExecutor([{ '?column?': 1 }]);
    await expect(new SqlOrderGuard(tombstoned.tx).isTombstoned('o-1')).resolves.toBe(true);
    await expect(new SqlOrderGuard(recordingExecutor([]).tx).isTombstoned('o-1')).resolves.toBe(false);

    const { tx, calls } = recordingExecutor();
    await new SqlOrderGuard(tx).tombstone('o-1', 'OUT_OF_STOCK');
    expect(calls[0]!.sql).toContain('ON CONFLICT (order_id) DO NOTHING');
    expect(calls[0]!.values).toEqual(['o-1', 'OUT_OF_STOCK']);
  });
});
