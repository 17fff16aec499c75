import type { SqlExecutor } from '@saga/outbox';
import type { AccountStore } from '../../application/ports/wallet-unit-of-work';
import type { UserAccount } from '../../domain/user-account';
import { toAccount, type AccountRow } from './user-rows';

export class SqlAccountStore implements AccountStore {
  constructor(private readonly tx: SqlExecutor) {}

  async exists(userId: string): Promise<boolean> {
    return (await this.tx.query<unknown[]>(`SELECT 1 FROM user_account WHERE id = $1`, userId)).length > 0;
  }

  async debit(userId: string, amount: number): Promise<boolean> {
    // Conditional in one statement: concurrent debits of one user queue on the row and re-check the balance.
    const changed = await this.tx.execute(
      `UPDATE user_account SET balance = balance - $2, updated_at = now() WHERE id = $1 AND balance >= $2`,
      userId,
      amount,
    );
    return changed === 1;
  }

  async credit(userId: string, amount: number): Promise<UserAccount | null> {
    const rows = await this.tx.query<AccountRow[]>(
      `UPDATE user_account SET balance = balance + $2, updated_at = now() WHERE id = $1 RETURNING id, name, balance`,
      userId,
      amount,
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async insert(account: UserAccount): Promise<boolean> {
    const inserted = await this.tx.execute(
      `INSERT INTO user_account (id, name, balance) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      account.id,
      account.name,
      account.balance,
    );
    return inserted === 1;
  }
}
