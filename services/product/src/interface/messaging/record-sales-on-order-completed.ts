import { Injectable } from '@nestjs/common';
import { OrderCompleted } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { RecordSalesUseCase } from '../../application/record-sales/record-sales.use-case';

@Injectable()
export class RecordSalesOnOrderCompleted implements EventHandler<typeof OrderCompleted> {
  readonly name = 'RecordSalesOnOrderCompleted';
  readonly event = OrderCompleted;

  constructor(private readonly recordSales: RecordSalesUseCase) {}

  async handle(event: OrderCompleted): Promise<void> {
    await this.recordSales.execute({ orderId: requireOrderId(event), lines: event.payload.items });
  }
}
