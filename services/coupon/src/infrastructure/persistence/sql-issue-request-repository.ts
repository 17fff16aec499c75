import type { SqlExecutor } from '@saga/outbox';
import { CachedStatus, IssueRequestKey, IssueRequestRepository, RecordedStatus } from '../../application/ports';
import { AdmissionSnapshot, IssueFailureReason, IssueStatus, remainingUnits } from '../../domain';

export class SqlIssueRequestRepository implements IssueRequestRepository<SqlExecutor> {
  async recordPending(tx: SqlExecutor, requests: readonly IssueRequestKey[]): Promise<IssueRequestKey[]> {
    if (requests.length === 0) return [];
    // Two array parameters whatever the batch size: one statement text, one prepared plan.
    const rows = await tx.query<{ coupon_id: string; user_id: string }[]>(
      `INSERT INTO coupon_issue_request (coupon_id, user_id, status)
       SELECT coupon_id, user_id, 'PENDING' FROM unnest($1::text[], $2::text[]) AS r(coupon_id, user_id)
       ON CONFLICT (coupon_id, user_id) DO UPDATE
         SET status = 'PENDING', reason = NULL, requested_at = now(), updated_at = now()
         WHERE coupon_issue_request.status = 'FAILED'
       RETURNING coupon_id, user_id`,
      requests.map((request) => request.couponId),
      requests.map((request) => request.userId),
    );
    return rows.map((row) => ({ couponId: row.coupon_id, userId: row.user_id }));
  }

  async markIssued(tx: SqlExecutor, couponId: string, userId: string): Promise<RecordedStatus | null> {
    // The CTE reads the status before this statement's update (same snapshot).
    const rows = await tx.query<{ before: RecordedStatus | null }[]>(
      `WITH before AS (SELECT status::text AS status FROM coupon_issue_request WHERE coupon_id = $1 AND user_id = $2),
       upsert AS (
         INSERT INTO coupon_issue_request (coupon_id, user_id, status) VALUES ($1, $2, 'ISSUED')
         ON CONFLICT (coupon_id, user_id) DO UPDATE SET status = 'ISSUED', reason = NULL, updated_at = now()
         RETURNING 1)
       SELECT (SELECT status FROM before) AS before FROM upsert`,
      couponId,
      userId,
    );
    return rows[0]?.before ?? null;
  }

  async markFailed(
    tx: SqlExecutor,
    couponId: string,
    userId: string,
    reason: IssueFailureReason,
    detail?: string,
  ): Promise<boolean> {
    const updated = await tx.execute(
      `UPDATE coupon_issue_request SET status = 'FAILED', reason = $3, updated_at = now()
       WHERE coupon_id = $1 AND user_id = $2 AND status = 'PENDING'`,
      couponId,
      userId,
      detail ? `${reason}: ${detail}`.slice(0, 2000) : reason,
    );
    return updated === 1;
  }

  async statusOf(tx: SqlExecutor, couponId: string, userId: string): Promise<IssueStatus> {
    const rows = await tx.query<{ status: IssueStatus | null }[]>(
      `SELECT COALESCE(
         (SELECT status::text FROM coupon_issue_request WHERE coupon_id = $1 AND user_id = $2),
         (SELECT 'ISSUED' FROM user_coupon WHERE coupon_id = $1 AND user_id = $2),
         'NOT_REQUESTED') AS status`,
      couponId,
      userId,
    );
    return rows[0]?.status ?? 'NOT_REQUESTED';
  }

  async admissionSnapshot(tx: SqlExecutor, couponId: string): Promise<AdmissionSnapshot | null> {
    const coupons = await tx.query<{ total_quantity: number; issued_count: number }[]>(
      `SELECT total_quantity, issued_count FROM coupon WHERE id = $1`,
      couponId,
    );
    if (coupons.length === 0) return null;
    const rows = await tx.query<{ user_id: string; status: CachedStatus }[]>(
      `SELECT user_id, status::text AS status FROM coupon_issue_request WHERE coupon_id = $1
       UNION ALL
       SELECT user_id, 'ISSUED' FROM user_coupon WHERE coupon_id = $1`,
      couponId,
    );
    const statuses: Record<string, CachedStatus> = {};
    for (const row of rows) if (statuses[row.user_id] !== 'ISSUED') statuses[row.user_id] = row.status;
    const users = Object.keys(statuses).filter((user) => statuses[user] !== 'FAILED');
    const pending = Object.values(statuses).filter((status) => status === 'PENDING').length;
    const { total_quantity, issued_count } = coupons[0];
    return { couponId, remaining: remainingUnits(total_quantity, issued_count, pending), users, statuses };
  }
}
