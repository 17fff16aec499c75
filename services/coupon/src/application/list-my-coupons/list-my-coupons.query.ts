import { UserCoupon } from '../../domain';
import { UnitOfWork, UserCouponRepository } from '../ports';

export class ListMyCouponsQuery<Tx> {
  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly userCoupons: UserCouponRepository<Tx>,
  ) {}

  execute(userId: string): Promise<UserCoupon[]> {
    return this.uow.run((tx) => this.userCoupons.listByUser(tx, userId));
  }
}
