import { Injectable } from '@nestjs/common';
import { Topics, type OrderPlaced } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { ReserveStockUseCase } from '../../application/reserve-stock/reserve-stock.use-case';
import { requireOrderId } from './require-order-id';

@Injectable()
export class ReserveStockOnOrderPlaced implements EventHandler<OrderPlaced> {
  readonly name = 'ReserveStockOnOrderPlaced';
  readonly topic = Topics.OrderProcessing;

  constructor(private readonly reserveStock: ReserveStockUseCase) {}

  async handle(event: OrderPlaced): Promise<void> {
    await this.reserveStock.execute({
      orderId: requireOrderId(event),
      causationId: event.eventId,
      items: event.payload.items,
    });
  }
}
