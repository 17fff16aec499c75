import { ProcessingBranch } from '../../domain/order';
import { BranchArrival, BranchArrivalResult, OrderProcessingStateStore } from '../ports/order-processing-state-store';

/** Same semantics as the Redis Lua script: rebuild from durable flags on a miss, merge, record, answer. */
export class InMemoryOrderProcessingStateStore implements OrderProcessingStateStore {
  readonly states = new Map<string, Set<ProcessingBranch>>();
  /** Simulates Redis answering "complete" regardless of the real state (a buggy or replayed answer). */
  forceComplete = false;

  async recordArrival(arrival: BranchArrival): Promise<BranchArrivalResult> {
    const existing = this.states.get(arrival.orderId);
    const arrived = existing ?? new Set<ProcessingBranch>();
    for (const branch of arrival.durablyArrived) arrived.add(branch);
    arrived.add(arrival.branch);
    this.states.set(arrival.orderId, arrived);
    const complete = this.forceComplete || arrival.required.every((b) => arrived.has(b));
    return { complete, rebuilt: existing === undefined };
  }

  flushAll(): void {
    this.states.clear();
  }
}
