import { Expectation, PlannedCheckout } from '../workload/checkout-mix';

export type Outcome = 'COMPLETED' | 'CANCELLED';

export interface TerminalEvent {
  orderId: string;
  eventId: string;
  /** the Kafka record's timestamp (ms since the epoch): when the relay published it */
  publishedAtMs: number;
  outcome: Outcome;
  /** failure reason for cancellations */
  reason: string | null;
  /** order total for completions (minor units) */
  total: number | null;
  at: number;
}

export interface CheckoutRecord {
  index: number;
  phase: string;
  plan: PlannedCheckout;
  scheduledAt: number;
  sentAt: number;
  respondedAt?: number;
  httpStatus?: number;
  /** transport error or non-202 body */
  error?: string;
  orderId?: string;
  terminal?: TerminalEvent;
  /** a second terminal event with a different outcome arrived for the same order (a saga bug) */
  conflictingTerminal?: TerminalEvent;
}

/**
 * Joins what the load generator sent with the terminal events the watcher consumes. A terminal
 * event may arrive before the 202 response is processed, so unmatched events wait in `early`.
 */
export class OrderTracker {
  readonly records: CheckoutRecord[] = [];
  private readonly byOrderId = new Map<string, CheckoutRecord>();
  private readonly early = new Map<string, TerminalEvent>();
  private unexpectedEvents = 0;

  onSent(record: CheckoutRecord): void {
    this.records.push(record);
  }

  onAccepted(record: CheckoutRecord, orderId: string): void {
    record.orderId = orderId;
    this.byOrderId.set(orderId, record);
    const waiting = this.early.get(orderId);
    if (waiting) {
      this.early.delete(orderId);
      this.onTerminal(waiting);
    }
  }

  onTerminal(event: TerminalEvent): void {
    const record = this.byOrderId.get(event.orderId);
    if (!record) {
      if (!this.early.has(event.orderId)) this.early.set(event.orderId, event);
      return;
    }
    if (!record.terminal) {
      record.terminal = event;
    } else if (record.terminal.outcome !== event.outcome && !record.conflictingTerminal) {
      record.conflictingTerminal = event;
    }
  }

  /** Terminal events for orders this run never placed (another run or client shares the topics). */
  foreignEvents(): number {
    return this.early.size + this.unexpectedEvents;
  }

  accepted(): CheckoutRecord[] {
    return this.records.filter((r) => r.orderId !== undefined);
  }

  inFlight(): number {
    let n = 0;
    for (const r of this.byOrderId.values()) if (!r.terminal) n++;
    return n;
  }
}

/** Did the saga end the way the mix intended? */
export function matchesExpectation(expect: Expectation, terminal: TerminalEvent): boolean {
  switch (expect) {
    case 'ANY':
      return true;
    case 'COMPLETED':
      return terminal.outcome === 'COMPLETED';
    default:
      return terminal.outcome === 'CANCELLED' && terminal.reason === expect;
  }
}

export const acceptedToTerminalMs = (r: CheckoutRecord) => r.terminal!.at - r.respondedAt!;
