import { randomUUID } from 'node:crypto';
import { UserAlreadyExistsError } from '../../domain/errors';
import type { UserAccount } from '../../domain/user-account';
import type { WalletUnitOfWork } from '../ports/wallet-unit-of-work';
import type { CreateUserCommand } from './create-user.command';

export class CreateUserUseCase {
  constructor(private readonly uow: WalletUnitOfWork) {}

  execute(command: CreateUserCommand): Promise<UserAccount> {
    const account: UserAccount = { id: command.id ?? randomUUID(), name: command.name, balance: command.balance };
    return this.uow.run(async (tx) => {
      if (!(await tx.accounts.insert(account))) throw new UserAlreadyExistsError(account.id);
      return account;
    });
  }
}
