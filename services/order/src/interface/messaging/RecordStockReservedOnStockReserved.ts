import { StockReserved, Topics } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { orderIdOf } from './order-id-of';
import { RecordBranchSuccess } from '../../application/record-branch-success/record-branch-success.use-case';

export class RecordStockReservedOnStockReserved implements EventHandler<StockReserved> {
  readonly name = 'RecordStockReservedOnStockReserved';
  readonly topic = Topics.OrderProcessingStockSuccess;

  constructor(private readonly recordBranchSuccess: RecordBranchSuccess) {}

  async handle(event: StockReserved): Promise<void> {
    await this.recordBranchSuccess.execute({ orderId: orderIdOf(event), branch: 'stock', causationId: event.eventId });
  }
}
