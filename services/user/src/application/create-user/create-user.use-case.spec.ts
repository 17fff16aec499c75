import { UserAlreadyExistsError } from '../../domain/errors';
import { InMemoryWallet } from '../testing/in-memory-wallet';
import { CreateUserUseCase } from './create-user.use-case';

it('creates a user once and refuses a taken id', async () => {
  const wallet = InMemoryWallet.with();
  const useCase = new CreateUserUseCase(wallet);

  expect(await useCase.execute({ id: 'u1', name: 'Ann', balance: 500 })).toEqual({
    id: 'u1',
    name: 'Ann',
    balance: 500,
  });
  await expect(useCase.execute({ id: 'u1', name: 'Bob', balance: 1 })).rejects.toBeInstanceOf(UserAlreadyExistsError);
  expect(wallet.balanceOf('u1')).toBe(500);
});
