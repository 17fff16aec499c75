import type { Envelope } from '@saga/contracts';
import { NonRetryableError } from '@saga/messaging';

/** Saga events always carry the orderId; one without it can never be processed. */
export function orderIdOf(event: Envelope): string {
  if (!event.orderId) throw new NonRetryableError(`${event.type} ${event.eventId} has no orderId`);
  return event.orderId;
}
