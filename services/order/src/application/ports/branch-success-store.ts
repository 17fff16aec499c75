import { Order, ProcessingBranch } from '../../domain/order';

export interface BranchSuccessStore {
  /**
   * Sets the branch flag (and for the coupon the discount/total) only while the order accepts it
   * (PENDING, branch required; a repeated arrival re-sets it harmlessly). Returns the row after the
   * update, or null when the order does not accept it.
   */
  recordBranchArrival(orderId: string, branch: ProcessingBranch, discount: number | null): Promise<Order | null>;
  findOrder(orderId: string): Promise<Order | null>;
  /**
   * Conditional one-time transition (processingSucceededAt IS NULL and all flags set): records processing
   * success and moves the order to PAYMENT_REQUESTED in the same statement; null if it did not apply.
   */
  markProcessingSucceeded(orderId: string, at: Date): Promise<Order | null>;
}
