import type { Envelope } from '@saga/contracts';
import { NonRetryableError } from './event-handler';

/** Saga events always carry their orderId; one without it can never be processed, so it is dead-lettered. */
export function requireOrderId(event: Envelope): string {
  if (!event.orderId) throw new NonRetryableError(`${event.type} ${event.eventId} has no orderId`);
  return event.orderId;
}
