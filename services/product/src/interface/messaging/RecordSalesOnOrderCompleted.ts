import { Injectable } from '@nestjs/common';
import { Topics, type OrderCompleted } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { RecordSalesUseCase } from '../../application/record-sales/record-sales.use-case';
import { requireOrderId } from './require-order-id';

@Injectable()
export class RecordSalesOnOrderCompleted implements EventHandler<OrderCompleted> {
  readonly name = 'RecordSalesOnOrderCompleted';
  readonly topic = Topics.OrderProcessed;

  constructor(private readonly recordSales: RecordSalesUseCase) {}

  async handle(event: OrderCompleted): Promise<void> {
    await this.recordSales.execute({ orderId: requireOrderId(event), lines: event.payload.items });
  }
}
