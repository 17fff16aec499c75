import { UserNotFoundError } from '../../domain/errors';
import { InMemoryWallet } from '../testing/in-memory-wallet';
import { TopUpBalanceUseCase } from './top-up-balance.use-case';

it('adds to the balance and 404s an unknown user', async () => {
  const wallet = InMemoryWallet.with({ id: 'u1', name: 'Ann', balance: 500 });
  const useCase = new TopUpBalanceUseCase(wallet);

  expect(await useCase.execute({ userId: 'u1', amount: 250 })).toEqual({ id: 'u1', name: 'Ann', balance: 750 });
  await expect(useCase.execute({ userId: 'ghost', amount: 1 })).rejects.toBeInstanceOf(UserNotFoundError);
});
