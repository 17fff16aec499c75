import { CouponApplied, createEvent, OrderProcessingFailed } from '@saga/contracts';
import { CouponRefusal, discountFor, explainUnusable } from '../../domain';
import { CouponRepository, OrderLedger, OutboxAppender, UnitOfWork, UserCouponRepository } from '../ports';

export interface ApplyCouponCommand {
  /** eventId of the OrderPlaced being handled (the causation of what we emit). */
  eventId: string;
  orderId: string;
  userId: string;
  couponId: string | null;
  subtotal: number;
}

export type ApplyCouponOutcome = 'no_coupon' | 'tombstoned' | 'applied' | 'already_applied' | CouponRefusal;

export interface ApplyCouponDeps<Tx> {
  uow: UnitOfWork<Tx>;
  coupons: CouponRepository<Tx>;
  userCoupons: UserCouponRepository<Tx>;
  ledger: OrderLedger<Tx>;
}

export class ApplyCouponUseCase<Tx> {
  constructor(private readonly deps: ApplyCouponDeps<Tx>) {}

  async execute(command: ApplyCouponCommand): Promise<ApplyCouponOutcome> {
    const { couponId } = command;
    if (couponId === null) return 'no_coupon';
    const { uow, coupons, userCoupons, ledger } = this.deps;
    return uow.run(async (tx, outbox) => {
      await ledger.lock(tx, command.orderId);
      if (await ledger.isTombstoned(tx, command.orderId)) return 'tombstoned';
      const coupon = await coupons.findById(tx, couponId);
      if (!coupon) return refuse(outbox, command, 'COUPON_NOT_FOUND');
      // The conditional AVAILABLE -> USED update is the race arbiter: one of two orders wins.
      if (await userCoupons.markUsed(tx, couponId, command.userId, command.orderId)) {
        await outbox.append(
          createEvent(CouponApplied, {
            orderId: command.orderId,
            causationId: command.eventId,
            payload: {
              couponId,
              userId: command.userId,
              discountType: coupon.discountType,
              discountValue: coupon.discountValue,
              discount: discountFor(coupon, command.subtotal),
            },
          }),
        );
        return 'applied';
      }
      const verdict = explainUnusable(await userCoupons.find(tx, couponId, command.userId), command.orderId);
      if (verdict === 'applied') return 'already_applied';
      return refuse(outbox, command, verdict);
    });
  }
}

async function refuse(
  outbox: OutboxAppender,
  command: ApplyCouponCommand,
  reason: CouponRefusal,
): Promise<CouponRefusal> {
  await outbox.append(
    createEvent(OrderProcessingFailed, {
      orderId: command.orderId,
      causationId: command.eventId,
      payload: { reason, failedBy: 'coupon', detail: `coupon ${command.couponId} for user ${command.userId}` },
    }),
  );
  return reason;
}
