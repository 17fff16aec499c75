import { Injectable } from '@nestjs/common';
import { PaymentRequested } from '@saga/contracts';
import { type EventHandler, requireOrderId } from '@saga/messaging';
import { DebitBalanceUseCase } from '../../application/debit-balance/debit-balance.use-case';

@Injectable()
export class DebitBalanceOnPaymentRequested implements EventHandler<typeof PaymentRequested> {
  readonly name = 'DebitBalanceOnPaymentRequested';
  readonly event = PaymentRequested;

  constructor(private readonly debitBalance: DebitBalanceUseCase) {}

  async handle(event: PaymentRequested): Promise<void> {
    const { userId, amount } = event.payload;
    await this.debitBalance.execute({ orderId: requireOrderId(event), causationId: event.eventId, userId, amount });
  }
}
