import { OrderLedger, UnitOfWork, UserCouponRepository } from '../ports';

export interface RestoreCouponCommand {
  orderId: string;
  /** Why the order failed, kept on the tombstone (e.g. 'order.payment.fail: INSUFFICIENT_BALANCE'). */
  reason: string;
}

export type RestoreCouponOutcome = 'restored' | 'tombstoned';

/**
 * Compensation for a failed order. The tombstone is written in every case so that a late or
 * redelivered OrderPlaced never uses the coupon for this order again; restoring twice is a no-op.
 */
export class RestoreCouponUseCase<Tx> {
  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly userCoupons: UserCouponRepository<Tx>,
    private readonly ledger: OrderLedger<Tx>,
  ) {}

  execute({ orderId, reason }: RestoreCouponCommand): Promise<RestoreCouponOutcome> {
    return this.uow.run(async (tx) => {
      await this.ledger.lock(tx, orderId);
      const restored = await this.userCoupons.releaseUsageOf(tx, orderId);
      await this.ledger.tombstone(tx, orderId, reason);
      return restored ? 'restored' : 'tombstoned';
    });
  }
}
