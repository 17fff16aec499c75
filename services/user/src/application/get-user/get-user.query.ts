import { UserNotFoundError } from '../../domain/errors';
import type { UserAccount } from '../../domain/user-account';
import type { UserReadModel } from '../ports/wallet-unit-of-work';

export interface Viewer {
  id: string;
  role: 'customer' | 'admin';
}

/** A customer sees only their own account; anyone else's is reported as not found, not forbidden. */
export class GetUserQuery {
  constructor(private readonly readModel: UserReadModel) {}

  async execute(userId: string, viewer: Viewer): Promise<UserAccount> {
    if (viewer.role !== 'admin' && viewer.id !== userId) throw new UserNotFoundError(userId);
    const account = await this.readModel.findById(userId);
    if (!account) throw new UserNotFoundError(userId);
    return account;
  }
}
