import { executeDeferred, type SqlExecutor } from '@saga/outbox';
import { Order, ProcessingBranch } from '../../domain/order';
import { OrderCursor } from '../../application/list-orders/order-cursor';
import { IdempotencyRecord } from '../../application/ports/place-order-store';
import { ProductPriceUpdate } from '../../application/ports/price-replica-store';
import { OrderItemRow, OrderRow, toMoney, toOrder, toOrderLine } from './order-row';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NON_TERMINAL = `('PENDING', 'PAYMENT_REQUESTED')`;

/**
 * Every store port of the order service over one SQL executor (a transaction or the client).
 * State transitions are conditional UPDATEs: the WHERE clause is the guard, so concurrent instances
 * and duplicate deliveries can only apply a transition once (no read-modify-write in memory).
 */
export class SqlOrderRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async findIdempotencyKey(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const rows = await this.sql.query<{ request_hash: string; order_id: string }[]>(
      `SELECT request_hash, order_id FROM idempotency_key WHERE user_id = $1 AND key = $2`,
      userId,
      key,
    );
    const row = rows[0];
    return row ? { userId, key, requestHash: row.request_hash, orderId: row.order_id } : null;
  }

  async claimIdempotencyKey(record: IdempotencyRecord): Promise<boolean> {
    const inserted = await this.sql.execute(
      `INSERT INTO idempotency_key (user_id, key, request_hash, order_id) VALUES ($1, $2, $3, $4::uuid)
       ON CONFLICT (user_id, key) DO NOTHING`,
      record.userId,
      record.key,
      record.requestHash,
      record.orderId,
    );
    return inserted === 1;
  }

  async findPrices(productIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.sql.query<{ product_id: string; price: bigint }[]>(
      `SELECT product_id, price FROM product_price WHERE product_id = ANY($1::text[])`,
      [...productIds],
    );
    return new Map(rows.map((row) => [row.product_id, toMoney(row.price)]));
  }

  async insertOrder(order: Order): Promise<void> {
    // deferred: it travels with the COMMIT (a duplicate id still fails the transaction there)
    await executeDeferred(
      this.sql,
      `WITH inserted AS (
         INSERT INTO "order" (id, user_id, status, subtotal, discount, total, coupon_id, deadline_at, created_at, updated_at)
         VALUES ($1::uuid, $2, $3::order_status, $4::bigint, $5::bigint, $6::bigint, $7, $8, $9, $9)
         RETURNING id)
       INSERT INTO order_item (order_id, product_id, quantity, unit_price)
       SELECT inserted.id, p, q, u FROM inserted, unnest($10::text[], $11::int[], $12::bigint[]) AS t(p, q, u)`,
      order.id,
      order.userId,
      order.status,
      order.subtotal,
      order.discount,
      order.total,
      order.couponId,
      order.deadlineAt,
      order.createdAt,
      order.items.map((i) => i.productId),
      order.items.map((i) => i.quantity),
      order.items.map((i) => i.unitPrice),
    );
  }

  async findOrder(orderId: string): Promise<Order | null> {
    if (!UUID.test(orderId)) return null;
    return this.one(`SELECT * FROM "order" WHERE id = $1::uuid`, orderId);
  }

  recordBranchArrival(orderId: string, branch: ProcessingBranch, discount: number | null): Promise<Order | null> {
    if (!UUID.test(orderId)) return Promise.resolve(null);
    if (branch === 'stock') {
      return this.one(
        `UPDATE "order" SET stock_reserved = true, updated_at = now()
         WHERE id = $1::uuid AND status = 'PENDING' RETURNING *`,
        orderId,
      );
    }
    return this.one(
      `UPDATE "order" SET coupon_applied = true,
         discount = LEAST(GREATEST($2::bigint, 0), subtotal),
         total = subtotal - LEAST(GREATEST($2::bigint, 0), subtotal),
         updated_at = now()
       WHERE id = $1::uuid AND status = 'PENDING' AND coupon_id IS NOT NULL RETURNING *`,
      orderId,
      discount ?? 0,
    );
  }

  markProcessingSucceeded(orderId: string, at: Date): Promise<Order | null> {
    return this.one(
      `UPDATE "order" SET processing_succeeded_at = $2, status = 'PAYMENT_REQUESTED', updated_at = now()
       WHERE id = $1::uuid AND status = 'PENDING' AND processing_succeeded_at IS NULL
         AND stock_reserved AND (coupon_id IS NULL OR coupon_applied)
       RETURNING *`,
      orderId,
      at,
    );
  }

  markCompleted(orderId: string): Promise<Order | null> {
    if (!UUID.test(orderId)) return Promise.resolve(null);
    return this.one(
      `UPDATE "order" SET status = 'COMPLETED', updated_at = now()
       WHERE id = $1::uuid AND status = 'PAYMENT_REQUESTED' RETURNING *`,
      orderId,
    );
  }

  markCancelled(orderId: string, reason: string): Promise<Order | null> {
    if (!UUID.test(orderId)) return Promise.resolve(null);
    return this.one(
      `UPDATE "order" SET status = 'CANCELLED', failure_reason = $2, updated_at = now()
       WHERE id = $1::uuid AND status IN ${NON_TERMINAL} RETURNING *`,
      orderId,
      reason,
    );
  }

  lockExpiredOrders(now: Date, limit: number): Promise<Order[]> {
    return this.many(
      `SELECT * FROM "order" WHERE status IN ${NON_TERMINAL} AND deadline_at < $1
       ORDER BY deadline_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      now,
      limit,
    );
  }

  async upsertPrice(update: ProductPriceUpdate): Promise<void> {
    await this.sql.execute(
      `INSERT INTO product_price (product_id, name, price, updated_at) VALUES ($1, $2, $3::bigint, $4)
       ON CONFLICT (product_id) DO UPDATE SET name = EXCLUDED.name, price = EXCLUDED.price, updated_at = EXCLUDED.updated_at
       WHERE product_price.updated_at <= EXCLUDED.updated_at`,
      update.productId,
      update.name,
      update.price,
      update.changedAt,
    );
  }

  listByUser(userId: string, limit: number, after: OrderCursor | null): Promise<Order[]> {
    return this.many(
      `SELECT * FROM "order" WHERE user_id = $1
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      userId,
      after?.createdAt ?? null,
      after?.id ?? null,
      limit,
    );
  }

  /**
   * One order with its items in a single round trip: the statement (a SELECT or an
   * UPDATE ... RETURNING) runs as a CTE and the items are aggregated next to it.
   */
  private async one(query: string, ...values: unknown[]): Promise<Order | null> {
    const rows = await this.sql.query<(OrderRow & { items: OrderItemRow[] })[]>(
      `WITH o AS (${query})
       SELECT o.*, COALESCE((
         SELECT json_agg(json_build_object('order_id', i.order_id, 'product_id', i.product_id,
                                           'quantity', i.quantity, 'unit_price', i.unit_price) ORDER BY i.product_id)
           FROM order_item i WHERE i.order_id = o.id), '[]'::json) AS items
       FROM o`,
      ...values,
    );
    const row = rows[0];
    return row ? toOrder(row, row.items.map(toOrderLine)) : null;
  }

  private async many(query: string, ...values: unknown[]): Promise<Order[]> {
    const rows = await this.sql.query<OrderRow[]>(query, ...values);
    if (rows.length === 0) return [];
    const items = await this.sql.query<OrderItemRow[]>(
      `SELECT order_id, product_id, quantity, unit_price FROM order_item WHERE order_id = ANY($1::uuid[]) ORDER BY product_id`,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toOrder(row, items.filter((item) => item.order_id === row.id).map(toOrderLine)));
  }
}
