import { createEvent, PaymentFailed, PaymentSucceeded, type FailureReason } from '@saga/contracts';
import type { WalletTx, WalletUnitOfWork } from '../ports/wallet-unit-of-work';
import type { DebitBalanceCommand, DebitBalanceOutcome } from './debit-balance.command';

export class DebitBalanceUseCase {
  constructor(private readonly uow: WalletUnitOfWork) {}

  execute(command: DebitBalanceCommand): Promise<DebitBalanceOutcome> {
    const { orderId, causationId, userId, amount } = command;
    return this.uow.run(async (tx) => {
      await tx.orders.lock(orderId);
      // Cancelled before payment: the order is already terminal, so nobody waits for an answer.
      if (await tx.orders.isTombstoned(orderId)) return 'skipped_cancelled';
      if (await tx.payments.find(orderId)) return 'skipped_already_paid';

      // the debit first: it is the usual case, and a refused one tells apart a short balance and no account
      if (!(await tx.accounts.debit(userId, amount))) {
        if (!(await tx.accounts.exists(userId)))
          return this.reject(tx, command, 'UNKNOWN_USER', `user ${userId} not found`);
        return this.reject(tx, command, 'INSUFFICIENT_BALANCE', `balance of ${userId} below ${amount}`);
      }
      await tx.payments.insert({ orderId, userId, amount, status: 'DEBITED', reason: null });
      await tx.outbox.append(createEvent(PaymentSucceeded, { orderId, causationId, payload: { userId, amount } }));
      return 'debited';
    });
  }

  private async reject(
    tx: WalletTx,
    command: DebitBalanceCommand,
    reason: FailureReason,
    detail: string,
  ): Promise<'rejected'> {
    const { orderId, causationId, userId, amount } = command;
    await tx.payments.insert({ orderId, userId, amount, status: 'REJECTED', reason });
    await tx.outbox.append(
      createEvent(PaymentFailed, { orderId, causationId, payload: { userId, amount, reason, detail } }),
    );
    return 'rejected';
  }
}
