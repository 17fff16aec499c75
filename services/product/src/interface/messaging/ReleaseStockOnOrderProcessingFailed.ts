import { Injectable } from '@nestjs/common';
import { Topics, type OrderProcessingFailed } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { ReleaseStockUseCase } from '../../application/release-stock/release-stock.use-case';
import { requireOrderId } from './require-order-id';

@Injectable()
export class ReleaseStockOnOrderProcessingFailed implements EventHandler<OrderProcessingFailed> {
  readonly name = 'ReleaseStockOnOrderProcessingFailed';
  readonly topic = Topics.OrderProcessingFail;

  constructor(private readonly releaseStock: ReleaseStockUseCase) {}

  async handle(event: OrderProcessingFailed): Promise<void> {
    await this.releaseStock.execute({
      orderId: requireOrderId(event),
      causationId: event.eventId,
      reason: event.payload.reason,
    });
  }
}
