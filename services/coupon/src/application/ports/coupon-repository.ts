import { Coupon, CouponDefinition } from '../../domain';

export interface CouponRepository<Tx = unknown> {
  /** false when a coupon with this id already exists. */
  create(tx: Tx, definition: CouponDefinition): Promise<boolean>;
  findById(tx: Tx, id: string): Promise<Coupon | null>;
}
