import { randomUUID } from 'node:crypto';
import { InMemoryWallet } from '../testing/in-memory-wallet';
import { DebitBalanceUseCase } from './debit-balance.use-case';

const request = (overrides: Partial<{ orderId: string; userId: string; amount: number }> = {}) => ({
  orderId: `order-${randomUUID()}`,
  causationId: randomUUID(),
  userId: 'u1',
  amount: 700,
  ...overrides,
});

describe('DebitBalanceUseCase', () => {
  it('debits, records the payment and emits PaymentSucceeded caused by the request', async () => {
    const wallet = InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 1000 });
    const command = request();

    expect(await new DebitBalanceUseCase(wallet).execute(command)).toBe('debited');
    expect(wallet.balanceOf('u1')).toBe(300);
    expect(wallet.state.payments.get(command.orderId)).toMatchObject({ status: 'DEBITED', amount: 700 });
    expect(wallet.outbox).toEqual([
      expect.objectContaining({
        type: 'PaymentSucceeded',
        orderId: command.orderId,
        causationId: command.causationId,
        payload: { userId: 'u1', amount: 700 },
      }),
    ]);
    expect(wallet.accountedBalance('u1')).toBe(1000);
  });

  it('rejects INSUFFICIENT_BALANCE, leaves the balance and records the rejection', async () => {
    const wallet = InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 699 });
    const command = request();

    expect(await new DebitBalanceUseCase(wallet).execute(command)).toBe('rejected');
    expect(wallet.balanceOf('u1')).toBe(699);
    expect(wallet.state.payments.get(command.orderId)).toMatchObject({
      status: 'REJECTED',
      reason: 'INSUFFICIENT_BALANCE',
    });
    expect(wallet.outbox[0]).toMatchObject({
      type: 'PaymentFailed',
      payload: { reason: 'INSUFFICIENT_BALANCE', amount: 700 },
    });
  });

  it('rejects UNKNOWN_USER', async () => {
    const wallet = InMemoryWallet.with();
    expect(await new DebitBalanceUseCase(wallet).execute(request({ userId: 'ghost' }))).toBe('rejected');
    expect(wallet.outbox[0]).toMatchObject({
      type: 'PaymentFailed',
      payload: { userId: 'ghost', reason: 'UNKNOWN_USER' },
    });
  });

  it('has one effect for an order requested twice', async () => {
    const wallet = InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 1000 });
    const useCase = new DebitBalanceUseCase(wallet);
    const command = request({ amount: 400 });
    await useCase.execute(command);

    expect(await useCase.execute({ ...command, causationId: randomUUID() })).toBe('skipped_already_paid');
    expect(wallet.balanceOf('u1')).toBe(600);
    expect(wallet.outbox).toHaveLength(1);
  });

  it('does nothing and emits nothing for an order cancelled before payment', async () => {
    const wallet = InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 1000 });
    const command = request();
    wallet.state.tombstones.set(command.orderId, 'TIMEOUT');

    expect(await new DebitBalanceUseCase(wallet).execute(command)).toBe('skipped_cancelled');
    expect(wallet.balanceOf('u1')).toBe(1000);
    expect(wallet.outbox).toEqual([]);
  });
});
