import { CouponAlreadyHeldError, CouponNotFoundError, CouponSoldOutError } from '../../domain';
import { IssueAdmission, UnitOfWork, UserCouponRepository } from '../ports';

export interface GrantCouponCommand {
  couponId: string;
  userId: string;
}

/** An admin gives a user one unit directly; it counts against the coupon's quantity like any issue. */
export class GrantCouponUseCase<Tx> {
  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly userCoupons: UserCouponRepository<Tx>,
    private readonly admission: IssueAdmission,
  ) {}

  async execute({ couponId, userId }: GrantCouponCommand): Promise<void> {
    const outcome = await this.uow.run((tx) => this.userCoupons.grant(tx, couponId, userId));
    if (outcome === 'not_found') throw new CouponNotFoundError(couponId);
    if (outcome === 'already_held') throw new CouponAlreadyHeldError(couponId, userId);
    if (outcome === 'sold_out') throw new CouponSoldOutError(couponId);
    await this.admission.reclaim(couponId, userId);
  }
}
