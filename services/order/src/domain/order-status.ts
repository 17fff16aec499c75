export const OrderStatuses = ['PENDING', 'PAYMENT_REQUESTED', 'COMPLETED', 'CANCELLED'] as const;
export type OrderStatus = (typeof OrderStatuses)[number];

export const NON_TERMINAL_STATUSES: readonly OrderStatus[] = ['PENDING', 'PAYMENT_REQUESTED'];

export function isTerminal(status: OrderStatus): boolean {
  return status === 'COMPLETED' || status === 'CANCELLED';
}
