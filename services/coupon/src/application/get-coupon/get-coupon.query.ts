import { Coupon, CouponNotFoundError } from '../../domain';
import { CouponRepository, UnitOfWork } from '../ports';

export class GetCouponQuery<Tx> {
  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly coupons: CouponRepository<Tx>,
  ) {}

  async execute(couponId: string): Promise<Coupon> {
    const coupon = await this.uow.run((tx) => this.coupons.findById(tx, couponId));
    if (!coupon) throw new CouponNotFoundError(couponId);
    return coupon;
  }
}
