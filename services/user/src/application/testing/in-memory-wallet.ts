import type { Envelope } from '@saga/contracts';
import type { Payment } from '../../domain/payment';
import type { UserAccount } from '../../domain/user-account';
import type { UserReadModel, WalletTx, WalletUnitOfWork } from '../ports/wallet-unit-of-work';

interface State {
  accounts: Map<string, UserAccount>;
  payments: Map<string, Payment>;
  tombstones: Map<string, string>;
  outbox: Envelope[];
}

/** Unit-test fake of the wallet ports; a failing unit of work leaves no trace, like a rolled-back transaction. */
export class InMemoryWallet implements WalletUnitOfWork, UserReadModel {
  state: State = { accounts: new Map(), payments: new Map(), tombstones: new Map(), outbox: [] };

  static with(...accounts: UserAccount[]): InMemoryWallet {
    const wallet = new InMemoryWallet();
    for (const a of accounts) wallet.state.accounts.set(a.id, { ...a });
    return wallet;
  }

  get outbox(): Envelope[] {
    return this.state.outbox;
  }

  balanceOf(userId: string): number {
    return this.state.accounts.get(userId)!.balance;
  }

  /** balance + DEBITED payments: must equal initial balance + top-ups. */
  accountedBalance(userId: string): number {
    const debited = [...this.state.payments.values()]
      .filter((p) => p.userId === userId && p.status === 'DEBITED')
      .reduce((sum, p) => sum + p.amount, 0);
    return this.balanceOf(userId) + debited;
  }

  async findById(userId: string): Promise<UserAccount | null> {
    const account = this.state.accounts.get(userId);
    return account ? { ...account } : null;
  }

  async run<T>(work: (tx: WalletTx) => Promise<T>): Promise<T> {
    const before = structuredClone(this.state);
    try {
      return await work(this.tx());
    } catch (error) {
      this.state = before;
      throw error;
    }
  }

  private tx(): WalletTx {
    const s = () => this.state;
    return {
      orders: {
        lock: async () => undefined,
        isTombstoned: async (orderId) => s().tombstones.has(orderId),
        tombstone: async (orderId, reason) => {
          if (!s().tombstones.has(orderId)) s().tombstones.set(orderId, reason);
        },
      },
      accounts: {
        exists: async (userId) => s().accounts.has(userId),
        debit: async (userId, amount) => {
          const account = s().accounts.get(userId);
          if (!account || account.balance < amount) return false;
          account.balance -= amount;
          return true;
        },
        credit: async (userId, amount) => {
          const account = s().accounts.get(userId);
          if (!account) return null;
          account.balance += amount;
          return { ...account };
        },
        insert: async (account) => {
          if (s().accounts.has(account.id)) return false;
          s().accounts.set(account.id, { ...account });
          return true;
        },
      },
      payments: {
        find: async (orderId) => s().payments.get(orderId) ?? null,
        insert: async (payment) => {
          if (s().payments.has(payment.orderId)) throw new Error('payment_pkey');
          s().payments.set(payment.orderId, { ...payment });
        },
        markRefunded: async (orderId) => {
          const payment = s().payments.get(orderId);
          if (!payment || payment.status !== 'DEBITED') return null;
          payment.status = 'REFUNDED';
          return { ...payment };
        },
      },
      outbox: {
        append: async (...events) => {
          s().outbox.push(...events);
        },
      },
    };
  }
}
