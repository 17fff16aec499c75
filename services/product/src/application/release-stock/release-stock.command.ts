export interface ReleaseStockCommand {
  orderId: string;
  /** eventId of the failure event being handled. */
  causationId: string;
  /** Why the order failed (FailureReason), kept on the tombstone. */
  reason: string;
}

export type ReleaseStockOutcome = 'released' | 'tombstoned' | 'nothing_to_release';
