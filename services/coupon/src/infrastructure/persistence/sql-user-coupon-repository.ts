import type { SqlExecutor } from '@saga/outbox';
import { GrantOutcome, IssueGrant, RecordedStatus, UserCouponRepository } from '../../application/ports';
import { UserCoupon } from '../../domain';
import { SqlIssueRequestRepository } from './sql-issue-request-repository';

interface UserCouponRow {
  coupon_id: string;
  user_id: string;
  status: UserCoupon['status'];
  used_by_order_id: string | null;
  issued_at: Date;
}

const toUserCoupon = (row: UserCouponRow): UserCoupon => ({
  couponId: row.coupon_id,
  userId: row.user_id,
  status: row.status,
  usedByOrderId: row.used_by_order_id,
  issuedAt: new Date(row.issued_at),
});

const COLUMNS = `coupon_id, user_id, status::text AS status, used_by_order_id, issued_at`;

export class SqlUserCouponRepository implements UserCouponRepository<SqlExecutor> {
  /**
   * The conditional increment takes the coupon row lock first, so concurrent grants of the last unit
   * queue behind it and see the updated count; a (coupon, user) duplicate undoes the increment.
   */
  async grant(tx: SqlExecutor, couponId: string, userId: string): Promise<GrantOutcome> {
    const counted = await tx.query<{ id: string }[]>(
      `UPDATE coupon SET issued_count = issued_count + 1
       WHERE id = $1 AND issued_count < total_quantity RETURNING id`,
      couponId,
    );
    if (counted.length === 0) {
      const exists = await tx.query<{ held: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM user_coupon WHERE coupon_id = $1 AND user_id = $2) AS held
         FROM coupon WHERE id = $1`,
        couponId,
        userId,
      );
      if (exists.length === 0) return 'not_found';
      return exists[0].held ? 'already_held' : 'sold_out';
    }
    const inserted = await tx.execute(
      `INSERT INTO user_coupon (coupon_id, user_id, status) VALUES ($1, $2, 'AVAILABLE')
       ON CONFLICT (coupon_id, user_id) DO NOTHING`,
      couponId,
      userId,
    );
    if (inserted === 1) return 'granted';
    await tx.execute(`UPDATE coupon SET issued_count = issued_count - 1 WHERE id = $1`, couponId);
    return 'already_held';
  }

  /**
   * The usual case in one round trip (a handler's cost is mostly its round trips): count a unit, insert
   * the holding, mark the request ISSUED. Data-modifying CTEs run in order of their references and read
   * the request's status before the statement (one snapshot). Anything else (sold out, missing coupon,
   * a holding that already exists and undoes the count) goes through grant() step by step.
   */
  async issue(tx: SqlExecutor, couponId: string, userId: string): Promise<IssueGrant> {
    const rows = await tx.query<{ counted: boolean; granted: boolean; before: RecordedStatus | null }[]>(
      `WITH counted AS (
         UPDATE coupon SET issued_count = issued_count + 1
         WHERE id = $1 AND issued_count < total_quantity RETURNING id),
       granted AS (
         INSERT INTO user_coupon (coupon_id, user_id, status) SELECT $1, $2, 'AVAILABLE' FROM counted
         ON CONFLICT (coupon_id, user_id) DO NOTHING RETURNING 1),
       before AS (SELECT status::text AS status FROM coupon_issue_request WHERE coupon_id = $1 AND user_id = $2),
       marked AS (
         INSERT INTO coupon_issue_request (coupon_id, user_id, status) SELECT $1, $2, 'ISSUED' FROM granted
         ON CONFLICT (coupon_id, user_id) DO UPDATE SET status = 'ISSUED', reason = NULL, updated_at = now()
         RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM counted) AS counted, EXISTS (SELECT 1 FROM marked) AS granted,
              (SELECT status FROM before) AS before`,
      couponId,
      userId,
    );
    const { counted, granted, before } = rows[0]!;
    if (granted) return { grant: 'granted', before };
    if (counted) await tx.execute(`UPDATE coupon SET issued_count = issued_count - 1 WHERE id = $1`, couponId);
    const grant = counted ? 'already_held' : await this.grant(tx, couponId, userId);
    if (grant === 'sold_out' || grant === 'not_found') return { grant };
    return { grant, before: await this.requests.markIssued(tx, couponId, userId) };
  }

  private readonly requests = new SqlIssueRequestRepository();

  async find(tx: SqlExecutor, couponId: string, userId: string): Promise<UserCoupon | null> {
    const rows = await tx.query<UserCouponRow[]>(
      `SELECT ${COLUMNS} FROM user_coupon WHERE coupon_id = $1 AND user_id = $2`,
      couponId,
      userId,
    );
    return rows[0] ? toUserCoupon(rows[0]) : null;
  }

  async listByUser(tx: SqlExecutor, userId: string): Promise<UserCoupon[]> {
    const rows = await tx.query<UserCouponRow[]>(
      `SELECT ${COLUMNS} FROM user_coupon WHERE user_id = $1 ORDER BY issued_at, coupon_id`,
      userId,
    );
    return rows.map(toUserCoupon);
  }

  async markUsed(tx: SqlExecutor, couponId: string, userId: string, orderId: string): Promise<boolean> {
    const updated = await tx.execute(
      `UPDATE user_coupon SET status = 'USED', used_by_order_id = $3, used_at = now()
       WHERE coupon_id = $1 AND user_id = $2 AND status = 'AVAILABLE'`,
      couponId,
      userId,
      orderId,
    );
    return updated === 1;
  }

  async releaseUsageOf(tx: SqlExecutor, orderId: string): Promise<boolean> {
    const updated = await tx.execute(
      `UPDATE user_coupon SET status = 'AVAILABLE', used_by_order_id = NULL, used_at = NULL
       WHERE used_by_order_id = $1 AND status = 'USED'`,
      orderId,
    );
    return updated === 1;
  }
}
