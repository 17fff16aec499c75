import { Injectable } from '@nestjs/common';
import { OrderPlaced } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { ReserveStockUseCase } from '../../application/reserve-stock/reserve-stock.use-case';

@Injectable()
export class ReserveStockOnOrderPlaced implements EventHandler<typeof OrderPlaced> {
  readonly name = 'ReserveStockOnOrderPlaced';
  readonly event = OrderPlaced;

  constructor(private readonly reserveStock: ReserveStockUseCase) {}

  async handle(event: OrderPlaced): Promise<void> {
    await this.reserveStock.execute({
      orderId: requireOrderId(event),
      causationId: event.eventId,
      items: event.payload.items,
    });
  }
}
