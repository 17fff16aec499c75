/** Opaque keyset cursor: the last item's (startedAt, orderId), base64url. */
export function encodeCursor(saga: { startedAt: Date; orderId: string }): string {
  return Buffer.from(`${saga.startedAt.toISOString()}|${saga.orderId}`).toString('base64url');
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this API returned');
    this.name = 'InvalidCursorError';
  }
}

export function decodeCursor(cursor: string): { startedAt: Date; orderId: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const separator = text.indexOf('|');
  const startedAt = new Date(text.slice(0, separator));
  const orderId = text.slice(separator + 1);
  if (separator < 0 || Number.isNaN(startedAt.getTime()) || !orderId) throw new InvalidCursorError();
  return { startedAt, orderId };
}
