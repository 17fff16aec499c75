import type { SqlExecutor } from '@saga/outbox';
import type { UserReadModel } from '../../application/ports/wallet-unit-of-work';
import type { UserAccount } from '../../domain/user-account';
import { toAccount, type AccountRow } from './user-rows';

export class SqlUserReadModel implements UserReadModel {
  constructor(private readonly db: SqlExecutor) {}

  async findById(userId: string): Promise<UserAccount | null> {
    const rows = await this.db.query<AccountRow[]>(`SELECT id, name, balance FROM user_account WHERE id = $1`, userId);
    return rows[0] ? toAccount(rows[0]) : null;
  }
}
