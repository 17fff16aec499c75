import { ProcessingBranch } from '../../domain/order';

export interface RecordBranchSuccessCommand {
  orderId: string;
  branch: ProcessingBranch;
  /** Coupon branch only: the discount in minor units granted for this order. */
  discount?: number;
  /** eventId of the consumed success event. */
  causationId: string;
}

export type RecordBranchSuccessOutcome =
  | 'recorded' // branch stored, still waiting for another branch
  | 'processing_succeeded' // this arrival completed the order and emitted OrderProcessingSucceeded
  | 'already_succeeded' // every branch was in, but another arrival already emitted the event
  | 'ignored_unknown_order'
  | 'ignored_not_pending' // CANCELLED (the participant compensates on the fail event) or already past processing
  | 'ignored_branch_not_required'; // e.g. a coupon success for an order without a coupon
