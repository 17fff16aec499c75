import { Injectable } from '@nestjs/common';
import { Topics, type PaymentFailed } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { ReleaseStockUseCase } from '../../application/release-stock/release-stock.use-case';
import { requireOrderId } from './require-order-id';

@Injectable()
export class ReleaseStockOnPaymentFailed implements EventHandler<PaymentFailed> {
  readonly name = 'ReleaseStockOnPaymentFailed';
  readonly topic = Topics.OrderPaymentFail;

  constructor(private readonly releaseStock: ReleaseStockUseCase) {}

  async handle(event: PaymentFailed): Promise<void> {
    await this.releaseStock.execute({
      orderId: requireOrderId(event),
      causationId: event.eventId,
      reason: event.payload.reason,
    });
  }
}
