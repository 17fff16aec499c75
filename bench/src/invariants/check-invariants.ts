import { PlatformApi, isSuccess } from '../platform/api-client';
import { forEachLimited } from '../platform/concurrency';
import { Databases } from '../platform/databases';
import { CheckoutRecord } from '../measure/order-tracker';
import { allProducts, allUsers, Fixtures } from '../workload/fixtures';

export interface InvariantResult {
  name: string;
  ok: boolean;
  detail: string;
  violations: string[];
}

interface OrderRow {
  id: string;
  status: string;
  total: string;
  coupon_id: string | null;
  user_id: string;
}

const SAMPLE = 10;
const CHUNK = 5000;

/**
 * Checks the run's own entities after the run drained: the platform's state must add up to exactly
 * the completed orders, whatever the load did.
 */
export async function checkInvariants(
  api: PlatformApi,
  db: Databases,
  f: Fixtures,
  records: readonly CheckoutRecord[],
): Promise<InvariantResult[]> {
  const accepted = records.filter((r) => r.orderId !== undefined);
  const orders = await loadOrders(
    db,
    accepted.map((r) => r.orderId!),
  );
  const completed = accepted.filter((r) => orders.get(r.orderId!)?.status === 'COMPLETED');
  return [
    everyOrderTerminal(accepted, orders),
    await stockConserved(api, f, completed),
    await balancesAddUp(api, f, completed, orders),
    await couponsUsedAtMostOnce(db, f, accepted, orders),
  ];
}

async function loadOrders(db: Databases, ids: string[]): Promise<Map<string, OrderRow>> {
  const rows = new Map<string, OrderRow>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = await db.query<OrderRow & Record<string, unknown>>(
      'order',
      'SELECT id::text, status::text, total::text, coupon_id, user_id FROM "order" WHERE id = ANY($1::uuid[])',
      [ids.slice(i, i + CHUNK)],
    );
    for (const row of chunk) rows.set(row.id, row);
  }
  return rows;
}

function everyOrderTerminal(accepted: readonly CheckoutRecord[], orders: Map<string, OrderRow>): InvariantResult {
  const violations: string[] = [];
  for (const r of accepted) {
    const row = orders.get(r.orderId!);
    if (!row) violations.push(`${r.orderId}: accepted (202) but not in order_db`);
    else if (row.status !== 'COMPLETED' && row.status !== 'CANCELLED') violations.push(`${r.orderId}: ${row.status}`);
    else if (r.terminal && r.terminal.outcome !== row.status)
      violations.push(`${r.orderId}: event said ${r.terminal.outcome}, order_db says ${row.status}`);
    else if (r.conflictingTerminal)
      violations.push(`${r.orderId}: both OrderCompleted and a failure event were published`);
  }
  return result(
    'every order terminal (COMPLETED or CANCELLED, matching its event)',
    violations,
    `${accepted.length} accepted orders`,
  );
}

async function stockConserved(
  api: PlatformApi,
  f: Fixtures,
  completed: readonly CheckoutRecord[],
): Promise<InvariantResult> {
  const sold = new Map<string, number>();
  for (const r of completed)
    for (const i of r.plan.items) sold.set(i.productId, (sold.get(i.productId) ?? 0) + i.quantity);
  const violations: string[] = [];
  await forEachLimited(allProducts(f), 16, async (p) => {
    const res = await api.getProduct(p.id);
    const stock = isSuccess(res) ? Number((res.body as { stock?: unknown }).stock) : NaN;
    const expected = p.stock - (sold.get(p.id) ?? 0);
    if (Number.isNaN(stock)) violations.push(`${p.id}: GET /products answered ${res.status}`);
    else if (stock !== expected || stock < 0)
      violations.push(
        `${p.id}: stock ${stock}, expected initial ${p.stock} - sold ${sold.get(p.id) ?? 0} = ${expected}`,
      );
  });
  return result(
    'stock conservation (final stock = initial - units in completed orders, never negative)',
    violations,
    `${allProducts(f).length} products`,
  );
}

async function balancesAddUp(
  api: PlatformApi,
  f: Fixtures,
  completed: readonly CheckoutRecord[],
  orders: Map<string, OrderRow>,
): Promise<InvariantResult> {
  const paid = new Map<string, number>();
  for (const r of completed)
    paid.set(r.plan.userId, (paid.get(r.plan.userId) ?? 0) + Number(orders.get(r.orderId!)!.total));
  const violations: string[] = [];
  await forEachLimited(allUsers(f), 16, async (u) => {
    const res = await api.getUser(u.id);
    const balance = isSuccess(res) ? Number((res.body as { balance?: unknown }).balance) : NaN;
    const expected = u.balance - (paid.get(u.id) ?? 0);
    if (Number.isNaN(balance)) violations.push(`${u.id}: GET /users answered ${res.status}`);
    else if (balance !== expected)
      violations.push(`${u.id}: balance ${balance}, expected ${u.balance} - paid ${paid.get(u.id) ?? 0} = ${expected}`);
  });
  return result(
    'balances add up (final = initial - totals of completed orders)',
    violations,
    `${allUsers(f).length} users`,
  );
}

async function couponsUsedAtMostOnce(
  db: Databases,
  f: Fixtures,
  accepted: readonly CheckoutRecord[],
  orders: Map<string, OrderRow>,
): Promise<InvariantResult> {
  const violations: string[] = [];
  const completedWithCoupon = accepted.filter((r) => r.plan.couponId && orders.get(r.orderId!)?.status === 'COMPLETED');
  const perGrant = new Map<string, number>();
  for (const r of completedWithCoupon) {
    const key = `${r.plan.couponId}/${r.plan.userId}`;
    perGrant.set(key, (perGrant.get(key) ?? 0) + 1);
  }
  for (const [grant, n] of perGrant) if (n > 1) violations.push(`${grant}: used by ${n} completed orders`);

  const used =
    f.coupons.length === 0
      ? []
      : await db.query<{ coupon_id: string; user_id: string; used_by_order_id: string | null }>(
          'coupon',
          `SELECT coupon_id, user_id, used_by_order_id FROM user_coupon WHERE coupon_id = ANY($1) AND status = 'USED'`,
          [f.coupons.map((c) => c.id)],
        );
  for (const row of used) {
    const order = row.used_by_order_id ? orders.get(row.used_by_order_id) : undefined;
    if (!order || order.status !== 'COMPLETED') {
      violations.push(
        `${row.coupon_id}/${row.user_id}: USED by ${row.used_by_order_id} which is ${order?.status ?? 'unknown'} (not restored)`,
      );
    }
  }
  const usedBy = new Set(used.map((u) => u.used_by_order_id));
  for (const r of completedWithCoupon)
    if (!usedBy.has(r.orderId!))
      violations.push(`${r.orderId}: completed with ${r.plan.couponId} but the coupon is not USED by it`);
  return result(
    'coupon used at most once (USED exactly by completed orders, restored after cancellations)',
    violations,
    `${completedWithCoupon.length} completed orders with a coupon, ${used.length} coupons USED`,
  );
}

function result(name: string, violations: string[], scope: string): InvariantResult {
  return {
    name,
    ok: violations.length === 0,
    detail: violations.length === 0 ? `ok (${scope})` : `${violations.length} violations (${scope})`,
    violations: violations.slice(0, SAMPLE),
  };
}
