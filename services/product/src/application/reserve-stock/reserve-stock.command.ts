import type { StockLine } from '../../domain/reservation';

export interface ReserveStockCommand {
  orderId: string;
  /** eventId of the OrderPlaced being handled. */
  causationId: string;
  items: StockLine[];
}

export type ReserveStockOutcome = 'reserved' | 'refused' | 'skipped_cancelled' | 'skipped_already_reserved';
