import { UserNotFoundError } from '../../domain/errors';
import type { UserAccount } from '../../domain/user-account';
import type { WalletUnitOfWork } from '../ports/wallet-unit-of-work';
import type { TopUpBalanceCommand } from './top-up-balance.command';

export class TopUpBalanceUseCase {
  constructor(private readonly uow: WalletUnitOfWork) {}

  execute({ userId, amount }: TopUpBalanceCommand): Promise<UserAccount> {
    return this.uow.run(async (tx) => {
      const account = await tx.accounts.credit(userId, amount);
      if (!account) throw new UserNotFoundError(userId);
      return account;
    });
  }
}
