import { Injectable } from '@nestjs/common';
import { PaymentFailed } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { ReleaseStockUseCase } from '../../application/release-stock/release-stock.use-case';

@Injectable()
export class ReleaseStockOnPaymentFailed implements EventHandler<typeof PaymentFailed> {
  readonly name = 'ReleaseStockOnPaymentFailed';
  readonly event = PaymentFailed;

  constructor(private readonly releaseStock: ReleaseStockUseCase) {}

  async handle(event: PaymentFailed): Promise<void> {
    await this.releaseStock.execute({
      orderId: requireOrderId(event),
      causationId: event.eventId,
      reason: event.payload.reason,
    });
  }
}
