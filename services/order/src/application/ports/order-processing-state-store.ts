import { ProcessingBranch } from '../../domain/order';

export interface BranchArrival {
  orderId: string;
  branch: ProcessingBranch;
  required: readonly ProcessingBranch[];
  /** Branches the durable order row already records; used to rebuild a lost state (Redis flushed/restarted). */
  durablyArrived: readonly ProcessingBranch[];
}

export interface BranchArrivalResult {
  /** Every required branch has arrived. */
  complete: boolean;
  /** The state was missing and rebuilt from the durable flags. */
  rebuilt: boolean;
}

/** Fast aggregation state of one order's parallel branches (Redis in production). */
export interface OrderProcessingStateStore {
  /** Atomically records the arrival and answers whether the order is complete. */
  recordArrival(arrival: BranchArrival): Promise<BranchArrivalResult>;
}
