import { randomUUID } from 'node:crypto';
import { DebitBalanceUseCase } from '../debit-balance/debit-balance.use-case';
import { InMemoryWallet } from '../testing/in-memory-wallet';
import { RefundPaymentUseCase } from './refund-payment.use-case';

describe('RefundPaymentUseCase', () => {
  it('refunds a debit exactly once', async () => {
    const wallet = InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 1000 });
    const orderId = `order-${randomUUID()}`;
    await new DebitBalanceUseCase(wallet).execute({ orderId, causationId: randomUUID(), userId: 'u1', amount: 400 });
    const refund = new RefundPaymentUseCase(wallet);

    expect(await refund.execute({ orderId, reason: 'TIMEOUT' })).toBe('refunded');
    expect(await refund.execute({ orderId, reason: 'TIMEOUT' })).toBe('nothing_to_refund');
    expect(wallet.balanceOf('u1')).toBe(1000);
    expect(wallet.state.payments.get(orderId)!.status).toBe('REFUNDED');
    expect(wallet.accountedBalance('u1')).toBe(1000);
  });

  it('refunds nothing for a rejected payment', async () => {
    const wallet = InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 10 });
    const orderId = `order-${randomUUID()}`;
    await new DebitBalanceUseCase(wallet).execute({ orderId, causationId: randomUUID(), userId: 'u1', amount: 400 });

    expect(await new RefundPaymentUseCase(wallet).execute({ orderId, reason: 'INSUFFICIENT_BALANCE' })).toBe(
      'nothing_to_refund',
    );
    expect(wallet.balanceOf('u1')).toBe(10);
  });

  it('tombstones an order not paid yet, so a late PaymentRequested does nothing', async () => {
    const wallet = InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 1000 });
    const orderId = `order-${randomUUID()}`;

    expect(await new RefundPaymentUseCase(wallet).execute({ orderId, reason: 'TIMEOUT' })).toBe('tombstoned');
    expect(
      await new DebitBalanceUseCase(wallet).execute({ orderId, causationId: randomUUID(), userId: 'u1', amount: 400 }),
    ).toBe('skipped_cancelled');
    expect(wallet.balanceOf('u1')).toBe(1000);
  });
});
