import type { SoldLine } from '../../domain/sales';

export interface RecordSalesCommand {
  orderId: string;
  lines: SoldLine[];
}

export type RecordSalesOutcome = 'recorded' | 'nothing_to_commit';
