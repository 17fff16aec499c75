import { Injectable } from '@nestjs/common';
import { Topics, type PaymentRequested } from '@saga/contracts';
import type { EventHandler } from '@saga/messaging';
import { DebitBalanceUseCase } from '../../application/debit-balance/debit-balance.use-case';
import { requireOrderId } from './require-order-id';

@Injectable()
export class DebitBalanceOnPaymentRequested implements EventHandler<PaymentRequested> {
  readonly name = 'DebitBalanceOnPaymentRequested';
  readonly topic = Topics.OrderPayment;

  constructor(private readonly debitBalance: DebitBalanceUseCase) {}

  async handle(event: PaymentRequested): Promise<void> {
    const { userId, amount } = event.payload;
    await this.debitBalance.execute({ orderId: requireOrderId(event), causationId: event.eventId, userId, amount });
  }
}
