export interface DebitBalanceCommand {
  orderId: string;
  /** eventId of the PaymentRequested being handled. */
  causationId: string;
  userId: string;
  amount: number;
}

export type DebitBalanceOutcome = 'debited' | 'rejected' | 'skipped_cancelled' | 'skipped_already_paid';
