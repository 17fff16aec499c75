import type { OutboxAppender } from '@saga/outbox';
import type { OrderGuard } from '@saga/service-runtime';
import type { Payment } from '../../domain/payment';
import type { UserAccount } from '../../domain/user-account';

export interface AccountStore {
  exists(userId: string): Promise<boolean>;
  /** Conditional debit (balance >= amount): false when short, and nothing changes. */
  debit(userId: string, amount: number): Promise<boolean>;
  /** null when the user does not exist. */
  credit(userId: string, amount: number): Promise<UserAccount | null>;
  /** false when the id is taken. */
  insert(account: UserAccount): Promise<boolean>;
}

export interface PaymentStore {
  find(orderId: string): Promise<Payment | null>;
  /** The order's one payment; the primary key on orderId refuses a second. */
  insert(payment: Payment): Promise<void>;
  /** DEBITED -> REFUNDED, once; returns the payment it refunded, null if none was DEBITED. */
  markRefunded(orderId: string): Promise<Payment | null>;
}

export interface WalletTx {
  readonly orders: OrderGuard;
  readonly accounts: AccountStore;
  readonly payments: PaymentStore;
  readonly outbox: OutboxAppender;
}

export interface WalletUnitOfWork {
  run<T>(work: (tx: WalletTx) => Promise<T>): Promise<T>;
}

export interface UserReadModel {
  findById(userId: string): Promise<UserAccount | null>;
}

export const WALLET_UNIT_OF_WORK = Symbol('WalletUnitOfWork');
export const USER_READ_MODEL = Symbol('UserReadModel');
