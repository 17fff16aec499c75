export type PaymentStatus = 'DEBITED' | 'REFUNDED' | 'REJECTED';

/** The one payment of an order (keyed by orderId): the durable record that user acted for it. */
export interface Payment {
  orderId: string;
  userId: string;
  amount: number;
  status: PaymentStatus;
  /** FailureReason when REJECTED. */
  reason: string | null;
}
