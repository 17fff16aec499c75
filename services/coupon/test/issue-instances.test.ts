import { join } from 'node:path';
import { createEvent, CouponIssued } from '@saga/contracts';
import { PgSqlClient, SqlUnitOfWork } from '@saga/outbox';
import { createTestDatabase, type TestDatabase } from '@saga/test-harness';
import { AdmittedRequestIssuer } from '../src/application/request-coupon-issue/admitted-request-issuer';
import { AdmittedOutcome } from '../src/domain';
import { SqlIssueRequestRepository } from '../src/infrastructure/persistence/sql-issue-request-repository';

jest.setTimeout(120_000);

/**
 * Two service instances issuing the same coupons at once (each its own pool, unit of work and group
 * commit), against one real PostgreSQL, with admission assumed to over-admit (a cache rebuilt mid-burst
 * lets everyone through): the database alone keeps the quantity, the holdings and the requests in step.
 */
describe('issuing from two instances at once (real PostgreSQL)', () => {
  let database: TestDatabase;
  let sql: PgSqlClient;
  const clients: PgSqlClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(join(__dirname, '..', 'prisma', 'migrations'));
    sql = new PgSqlClient({ connectionString: database.url, max: 2 });
    clients.push(sql);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.$disconnect()));
    await database?.drop();
  });

  const instance = () => {
    const client = new PgSqlClient({ connectionString: database.url, max: 4 });
    clients.push(client);
    const issuer = new AdmittedRequestIssuer(
      new SqlUnitOfWork(client, { service: 'coupon' }),
      new SqlIssueRequestRepository(),
      50,
    );
    return (couponId: string, userId: string): Promise<AdmittedOutcome> =>
      issuer.issue(
        { couponId, userId },
        createEvent(CouponIssued, {
          orderId: null,
          causationId: null,
          payload: { couponId, userId, issuedAt: new Date().toISOString() },
        }),
      );
  };

  it('never issues more than the quantity, nor twice to a user, and never deadlocks across coupons', async () => {
    for (const [id, quantity] of [
      ['A', 100],
      ['B', 40],
    ] as const) {
      await sql.execute(
        `INSERT INTO coupon (id, name, discount_type, discount_value, total_quantity) VALUES ($1, $1, 'FIXED', 100, $2)`,
        id,
        quantity,
      );
    }
    const [first, second] = [instance(), instance()];
    // 300 users each asking both instances for both coupons, in opposite coupon order on each instance
    const users = Array.from({ length: 300 }, (_, i) => `u${i}`);
    const outcomes = await Promise.all(
      users.flatMap((user) => [first('A', user), first('B', user), second('B', user), second('A', user)]),
    );

    const count = (outcome: AdmittedOutcome) => outcomes.filter((o) => o === outcome).length;
    expect(count('issued')).toBe(140);
    expect(count('issued') + count('sold_out') + count('already_requested')).toBe(outcomes.length);
    const rows = await sql.query<{ id: string; issued: number; holders: number; requests: number; events: number }[]>(
      `SELECT c.id, c.issued_count AS issued,
              (SELECT count(*)::int FROM user_coupon h WHERE h.coupon_id = c.id) AS holders,
              (SELECT count(*)::int FROM coupon_issue_request r WHERE r.coupon_id = c.id AND r.status = 'ISSUED') AS requests,
              (SELECT count(*)::int FROM outbox_message o WHERE o.envelope->'payload'->>'couponId' = c.id) AS events
       FROM coupon c ORDER BY c.id`,
    );
    expect(rows).toEqual([
      { id: 'A', issued: 100, holders: 100, requests: 100, events: 100 },
      { id: 'B', issued: 40, holders: 40, requests: 40, events: 40 },
    ]);
  });
});
