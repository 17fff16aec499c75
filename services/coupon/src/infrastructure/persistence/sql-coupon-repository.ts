import type { SqlExecutor } from '@saga/outbox';
import { CouponRepository } from '../../application/ports';
import { Coupon, CouponDefinition } from '../../domain';

interface CouponRow {
  id: string;
  name: string;
  discount_type: Coupon['discountType'];
  discount_value: number;
  total_quantity: number;
  issued_count: number;
}

export const toCoupon = (row: CouponRow): Coupon => ({
  id: row.id,
  name: row.name,
  discountType: row.discount_type,
  discountValue: row.discount_value,
  totalQuantity: row.total_quantity,
  issuedCount: row.issued_count,
});

export class SqlCouponRepository implements CouponRepository<SqlExecutor> {
  async create(tx: SqlExecutor, d: CouponDefinition): Promise<boolean> {
    const inserted = await tx.execute(
      `INSERT INTO coupon (id, name, discount_type, discount_value, total_quantity)
       VALUES ($1, $2, $3::"DiscountType", $4, $5) ON CONFLICT (id) DO NOTHING`,
      d.id,
      d.name,
      d.discountType,
      d.discountValue,
      d.totalQuantity,
    );
    return inserted === 1;
  }

  async findById(tx: SqlExecutor, id: string): Promise<Coupon | null> {
    const rows = await tx.query<CouponRow[]>(
      `SELECT id, name, discount_type::text AS discount_type, discount_value, total_quantity, issued_count
       FROM coupon WHERE id = $1`,
      id,
    );
    return rows[0] ? toCoupon(rows[0]) : null;
  }
}
