import { Injectable } from '@nestjs/common';
import { OrderProcessingFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { ReleaseStockUseCase } from '../../application/release-stock/release-stock.use-case';

@Injectable()
export class ReleaseStockOnOrderProcessingFailed implements EventHandler<typeof OrderProcessingFailed> {
  readonly name = 'ReleaseStockOnOrderProcessingFailed';
  readonly event = OrderProcessingFailed;

  constructor(private readonly releaseStock: ReleaseStockUseCase) {}

  async handle(event: OrderProcessingFailed): Promise<void> {
    await this.releaseStock.execute({
      orderId: requireOrderId(event),
      causationId: event.eventId,
      reason: event.payload.reason,
    });
  }
}
