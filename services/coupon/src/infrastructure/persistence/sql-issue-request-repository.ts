import type { SqlExecutor } from '@saga/outbox';
import {
  CachedStatus,
  IssueRequestKey,
  IssueRequestRepository,
  IssueState,
  RecordedStatus,
} from '../../application/ports';
import { AdmissionSnapshot, IssueFailureReason, IssueStatus, remainingUnits } from '../../domain';

export class SqlIssueRequestRepository implements IssueRequestRepository<SqlExecutor> {
  async lockForIssue(tx: SqlExecutor, requests: readonly IssueRequestKey[]): Promise<IssueState> {
    const couponIds = [...new Set(requests.map((request) => request.couponId))].sort();
    await tx.query(`SELECT id FROM coupon WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, couponIds);
    // A new statement, so a new snapshot: it sees everything committed by whoever held the locks before.
    const rows = await tx.query<{ coupon_id: string; user_id: string | null; units_left: number | null }[]>(
      `SELECT c.id AS coupon_id, NULL AS user_id,
              c.total_quantity - c.issued_count
                - (SELECT count(*) FROM coupon_issue_request p WHERE p.coupon_id = c.id AND p.status = 'PENDING')::int
                AS units_left
       FROM coupon c WHERE c.id = ANY($1::text[])
       UNION ALL
       SELECT r.coupon_id, r.user_id, NULL FROM unnest($2::text[], $3::text[]) AS r(coupon_id, user_id)
       WHERE EXISTS (SELECT 1 FROM coupon_issue_request q
                     WHERE q.coupon_id = r.coupon_id AND q.user_id = r.user_id AND q.status <> 'FAILED')
          OR EXISTS (SELECT 1 FROM user_coupon h WHERE h.coupon_id = r.coupon_id AND h.user_id = r.user_id)`,
      couponIds,
      requests.map((request) => request.couponId),
      requests.map((request) => request.userId),
    );
    const unitsLeft = new Map<string, number>();
    const settled: IssueRequestKey[] = [];
    for (const row of rows) {
      if (row.user_id === null) unitsLeft.set(row.coupon_id, row.units_left ?? 0);
      else settled.push({ couponId: row.coupon_id, userId: row.user_id });
    }
    return { unitsLeft, settled };
  }

  async recordDecisions(
    tx: SqlExecutor,
    issued: readonly IssueRequestKey[],
    soldOut: readonly IssueRequestKey[],
  ): Promise<void> {
    const decided = [...issued, ...soldOut];
    if (decided.length === 0) return;
    // No ON CONFLICT on the holding: lockForIssue said the pair holds nothing, so a conflict is a bug to roll back.
    const rows = await tx.query<{ counted: number; held: number; marked: number }[]>(
      `WITH decided AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS d(coupon_id, user_id, status)),
       counted AS (
         UPDATE coupon c SET issued_count = c.issued_count + n.units
         FROM (SELECT coupon_id, count(*)::int AS units FROM decided WHERE status = 'ISSUED' GROUP BY coupon_id) n
         WHERE c.id = n.coupon_id AND c.issued_count + n.units <= c.total_quantity
         RETURNING n.units),
       held AS (
         INSERT INTO user_coupon (coupon_id, user_id, status)
         SELECT coupon_id, user_id, 'AVAILABLE' FROM decided WHERE status = 'ISSUED' RETURNING 1),
       marked AS (
         INSERT INTO coupon_issue_request (coupon_id, user_id, status, reason)
         SELECT coupon_id, user_id, status::"IssueRequestStatus",
                CASE WHEN status = 'FAILED' THEN 'SOLD_OUT' END FROM decided
         ON CONFLICT (coupon_id, user_id) DO UPDATE
           SET status = EXCLUDED.status, reason = EXCLUDED.reason, requested_at = now(), updated_at = now()
         RETURNING 1)
       SELECT (SELECT COALESCE(sum(units), 0) FROM counted)::int AS counted,
              (SELECT count(*) FROM held)::int AS held, (SELECT count(*) FROM marked)::int AS marked`,
      decided.map((request) => request.couponId),
      decided.map((request) => request.userId),
      decided.map((_, i) => (i < issued.length ? 'ISSUED' : 'FAILED')),
    );
    const { counted, held, marked } = rows[0]!;
    if (counted !== issued.length || held !== issued.length || marked !== decided.length) {
      throw new Error(
        `issuing disagreed with the locked state: ${counted}/${held} of ${issued.length} issued, ${marked} of ${decided.length} marked`,
      );
    }
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
