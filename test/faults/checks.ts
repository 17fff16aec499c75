import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_CATALOG } from '@saga/contracts';
import { checkInvariants, InvariantResult } from '../../bench/src/invariants/check-invariants';
import { PlatformApi } from '../../bench/src/platform/api-client';
import { Databases } from '../../bench/src/platform/databases';
import { allUsers, Fixtures } from '../../bench/src/workload/fixtures';
import { UnexpectedExit } from './fleet';
import { FaultCheckout } from './load';
import { now, sleep } from './support';

const SAMPLE = 10;
const SERVICES = ['order', 'product', 'coupon', 'user'] as const;

interface OrderRow extends Record<string, unknown> {
  id: string;
  status: string;
  failure_reason: string | null;
  total: string;
  updated_ms: string;
}

/**
 * Joins the client's records with order_db: a key whose every attempt went unanswered may still have been
 * taken (the reply was lost), and every order gets its status and the time it ended (updated_at).
 */
export async function reconcile(db: Databases, records: readonly FaultCheckout[]): Promise<void> {
  const unanswered = records.filter((r) => !r.orderId);
  for (let i = 0; i < unanswered.length; i += 1000) {
    const chunk = unanswered.slice(i, i + 1000);
    const rows = await db.query<{ key: string; order_id: string }>(
      'order',
      'SELECT key, order_id::text FROM idempotency_key WHERE key = ANY($1)',
      [chunk.map((r) => r.idempotencyKey)],
    );
    const byKey = new Map(rows.map((row) => [row.key, row.order_id]));
    for (const record of chunk) {
      const orderId = byKey.get(record.idempotencyKey);
      if (orderId) {
        record.orderId = orderId;
        record.acceptedUnanswered = true;
      }
    }
  }
  await refreshOrders(db, records);
}

export async function refreshOrders(db: Databases, records: readonly FaultCheckout[]): Promise<void> {
  const accepted = records.filter((r) => r.orderId && (r.status === undefined || !isTerminal(r.status)));
  for (let i = 0; i < accepted.length; i += 2000) {
    const chunk = accepted.slice(i, i + 2000);
    const rows = await db.query<OrderRow>(
      'order',
      `SELECT id::text, status::text, failure_reason, total::text,
              (extract(epoch FROM updated_at) * 1000)::bigint::text AS updated_ms
         FROM "order" WHERE id = ANY($1::uuid[])`,
      [chunk.map((r) => r.orderId)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const record of chunk) {
      const row = byId.get(record.orderId!);
      if (!row) continue;
      record.status = row.status;
      record.failureReason = row.failure_reason;
      if (isTerminal(row.status)) record.terminalAt = Number(row.updated_ms);
    }
  }
}

export const isTerminal = (status: string) => status === 'COMPLETED' || status === 'CANCELLED';

/** Waits until every accepted order ended (the saga deadline bounds it), refreshing from order_db. */
export async function drainOrders(
  db: Databases,
  records: readonly FaultCheckout[],
  timeoutMs: number,
): Promise<number> {
  const deadline = now() + timeoutMs;
  for (;;) {
    await reconcile(db, records);
    const open = records.filter((r) => r.orderId && !(r.status && isTerminal(r.status))).length;
    if (open === 0 || now() > deadline) return open;
    await sleep(2000);
  }
}

export async function checkAll(
  api: PlatformApi,
  db: Databases,
  fixtures: Fixtures,
  records: readonly FaultCheckout[],
  kafkaBrokers: string,
  exits: readonly UnexpectedExit[],
): Promise<InvariantResult[]> {
  return [
    ...(await checkInvariants(api, db, fixtures, records)),
    await noDuplicateOrders(db, fixtures, records),
    await paymentLedger(db, records),
    await reservationLedger(db, records),
    await outboxDrained(db),
    await noDeadLetters(kafkaBrokers),
    result(
      'no process exited on its own',
      exits.map((e) => `${e.instance} pid ${e.pid}: code ${e.code}, signal ${e.signal}`),
      `${exits.length} unexpected exits`,
    ),
  ];
}

async function noDuplicateOrders(
  db: Databases,
  fixtures: Fixtures,
  records: readonly FaultCheckout[],
): Promise<InvariantResult> {
  const violations: string[] = [];
  for (const r of records)
    if (r.orderIdsSeen.size > 1)
      violations.push(`${r.idempotencyKey}: answered with ${[...r.orderIdsSeen].join(', ')}`);
  const users = allUsers(fixtures).map((u) => u.id);
  const [row] = await db.query<{ orders: string; keyed: string; keys: string }>(
    'order',
    `SELECT (SELECT count(*) FROM "order" WHERE user_id = ANY($1))::text AS orders,
            (SELECT count(DISTINCT order_id) FROM idempotency_key WHERE user_id = ANY($1))::text AS keyed,
            (SELECT count(*) FROM idempotency_key WHERE user_id = ANY($1))::text AS keys`,
    [users],
  );
  const accepted = new Set(records.filter((r) => r.orderId).map((r) => r.orderId));
  if (row.orders !== row.keys || row.keyed !== row.keys)
    violations.push(`${row.orders} orders, ${row.keys} idempotency keys, ${row.keyed} distinct orders behind them`);
  if (Number(row.orders) !== accepted.size)
    violations.push(`${row.orders} orders in order_db for the run's users, ${accepted.size} known to the client`);
  return result(
    'no duplicate order per idempotency key (one order per key, every order behind a key the client sent)',
    violations,
    `${row.orders} orders, ${records.length} keys sent`,
  );
}

async function paymentLedger(db: Databases, records: readonly FaultCheckout[]): Promise<InvariantResult> {
  const accepted = records.filter((r) => r.orderId);
  const rows = await db.query<{ order_id: string; amount: string; status: string }>(
    'user',
    'SELECT order_id, amount::text, status FROM payment WHERE order_id = ANY($1)',
    [accepted.map((r) => r.orderId)],
  );
  const byOrder = new Map(rows.map((row) => [row.order_id, row]));
  const violations: string[] = [];
  for (const r of accepted) {
    const payment = byOrder.get(r.orderId!);
    if (r.status === 'COMPLETED') {
      if (!payment || payment.status !== 'DEBITED')
        violations.push(`${r.orderId}: COMPLETED, payment ${payment?.status ?? 'missing'}`);
    } else if (payment?.status === 'DEBITED') {
      violations.push(`${r.orderId}: ${r.status} but its payment is still DEBITED (no refund)`);
    }
  }
  const refunded = rows.filter((row) => row.status === 'REFUNDED').length;
  return result(
    'payment ledger (DEBITED exactly for completed orders, refunded after cancellations)',
    violations,
    `${rows.length} payments, ${refunded} refunded`,
  );
}

async function reservationLedger(db: Databases, records: readonly FaultCheckout[]): Promise<InvariantResult> {
  const accepted = records.filter((r) => r.orderId);
  const rows = await db.query<{ order_id: string; product_id: string; quantity: number; status: string }>(
    'product',
    'SELECT order_id, product_id, quantity, status FROM stock_reservation WHERE order_id = ANY($1)',
    [accepted.map((r) => r.orderId)],
  );
  const byOrder = new Map<string, typeof rows>();
  for (const row of rows) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row]);
  const violations: string[] = [];
  for (const r of accepted) {
    const lines = byOrder.get(r.orderId!) ?? [];
    const left = lines.filter((l) => l.status === 'RESERVED');
    if (left.length > 0) violations.push(`${r.orderId}: ${r.status}, ${left.length} reservations still RESERVED`);
    const committed = lines.filter((l) => l.status === 'COMMITTED');
    if (r.status === 'COMPLETED') {
      const units = (items: { productId: string; quantity: number }[]) =>
        items
          .map((i) => `${i.productId}x${i.quantity}`)
          .sort()
          .join(',');
      const want = units(r.plan.items);
      const got = units(committed.map((l) => ({ productId: l.product_id, quantity: l.quantity })));
      if (want !== got) violations.push(`${r.orderId}: COMPLETED, committed ${got || 'nothing'}, ordered ${want}`);
    } else if (committed.length > 0) {
      violations.push(`${r.orderId}: ${r.status} but ${committed.length} reservations COMMITTED`);
    }
  }
  return result(
    'reservation ledger (COMMITTED exactly the lines of completed orders, nothing left RESERVED)',
    violations,
    `${rows.length} reservation lines`,
  );
}

async function outboxDrained(db: Databases, timeoutMs = 30_000): Promise<InvariantResult> {
  const deadline = now() + timeoutMs;
  let left: string[] = [];
  do {
    left = [];
    for (const service of SERVICES) {
      const [row] = await db.query<{ n: string }>(
        service,
        'SELECT count(*)::text AS n FROM outbox_message WHERE published_at IS NULL',
      );
      if (row.n !== '0') left.push(`${service}: ${row.n} unpublished outbox rows`);
    }
    if (left.length > 0) await sleep(1000);
  } while (left.length > 0 && now() < deadline);
  return result('outbox drained (no unpublished row left)', left, `4 services`);
}

/** The suite's Kafka is fresh, so every dead letter on it came from the run's (valid) traffic. */
async function noDeadLetters(brokers: string): Promise<InvariantResult> {
  const admin = new Kafka({ clientId: 'fault-suite-dlq', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const violations: string[] = [];
    let total = 0;
    for (const spec of TOPIC_CATALOG.filter((t) => t.deadLetter)) {
      const offsets = await admin.fetchTopicOffsets(spec.name);
      const n = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      total += n;
      if (n > 0) violations.push(`${spec.name}: ${n} dead letters`);
    }
    return result('no dead letters from valid traffic', violations, `${total} dead letters`);
  } finally {
    await admin.disconnect();
  }
}

function result(name: string, violations: string[], scope: string): InvariantResult {
  return {
    name,
    ok: violations.length === 0,
    detail: violations.length === 0 ? `ok (${scope})` : `${violations.length} violations (${scope})`,
    violations: violations.slice(0, SAMPLE),
  };
}
