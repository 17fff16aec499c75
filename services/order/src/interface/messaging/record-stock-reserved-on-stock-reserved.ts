import { Injectable } from '@nestjs/common';
import { StockReserved } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RecordBranchSuccessUseCase } from '../../application/record-branch-success/record-branch-success.use-case';

@Injectable()
export class RecordStockReservedOnStockReserved implements EventHandler<typeof StockReserved> {
  readonly name = 'RecordStockReservedOnStockReserved';
  readonly event = StockReserved;

  constructor(private readonly recordBranchSuccess: RecordBranchSuccessUseCase) {}

  async handle(event: StockReserved): Promise<void> {
    await this.recordBranchSuccess.execute({
      orderId: requireOrderId(event),
      branch: 'stock',
      causationId: event.eventId,
    });
  }
}
