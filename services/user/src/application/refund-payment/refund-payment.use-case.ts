import type { WalletUnitOfWork } from '../ports/wallet-unit-of-work';
import type { RefundPaymentCommand, RefundPaymentOutcome } from './refund-payment.command';

/**
 * The order failed after (or before) payment, e.g. its deadline passed: a debit is refunded once;
 * with no payment yet, a tombstone stops a late PaymentRequested from debiting.
 */
export class RefundPaymentUseCase {
  constructor(private readonly uow: WalletUnitOfWork) {}

  execute({ orderId, reason }: RefundPaymentCommand): Promise<RefundPaymentOutcome> {
    return this.uow.run(async (tx) => {
      await tx.orders.lock(orderId);
      const refunded = await tx.payments.markRefunded(orderId);
      if (refunded) {
        if (!(await tx.accounts.credit(refunded.userId, refunded.amount))) {
          throw new Error(`refund of order ${orderId}: account ${refunded.userId} vanished`);
        }
        return 'refunded';
      }
      if (await tx.payments.find(orderId)) return 'nothing_to_refund';
      await tx.orders.tombstone(orderId, reason);
      return 'tombstoned';
    });
  }
}
