import type { Envelope } from '@saga/contracts';
import type { Payment } from '../../domain/payment';
import type { UserAccount } from '../../domain/user-account';

/** Same shape as @saga/outbox's OutboxAppender: only use cases append, inside their transaction. */
export interface EventOutbox {
  append(...events: Envelope[]): Promise<void>;
}

export interface OrderGuard {
  /** Held until the transaction ends, across every instance: debit and refund of one order never interleave. */
  lock(orderId: string): Promise<void>;
  isTombstoned(orderId: string): Promise<boolean>;
  tombstone(orderId: string, reason: string): Promise<void>;
}

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
  readonly outbox: EventOutbox;
}

export interface WalletUnitOfWork {
  run<T>(work: (tx: WalletTx) => Promise<T>): Promise<T>;
}

export interface UserReadModel {
  findById(userId: string): Promise<UserAccount | null>;
}

export const WALLET_UNIT_OF_WORK = Symbol('WalletUnitOfWork');
export const USER_READ_MODEL = Symbol('UserReadModel');
