export interface RefundPaymentCommand {
  orderId: string;
  /** FailureReason of the cancellation, kept on the tombstone. */
  reason: string;
}

export type RefundPaymentOutcome = 'refunded' | 'tombstoned' | 'nothing_to_refund';
