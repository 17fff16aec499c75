import type { OutboxAppender, SqlExecutor, UnitOfWork } from '@saga/outbox';
import { TransactionRunner } from '../../application/ports/transaction';
import { SqlOrderRepository } from './sql-order-repository';

export interface OrderStores {
  orders: SqlOrderRepository;
}

/** Gives use cases the order stores bound to the unit of work's (possibly joined) transaction. */
export class OrderTransactionRunner implements TransactionRunner<OrderStores> {
  constructor(private readonly uow: UnitOfWork<SqlExecutor>) {}

  run<T>(work: (stores: OrderStores, outbox: OutboxAppender) => Promise<T>): Promise<T> {
    return this.uow.run((tx, outbox) => work({ orders: new SqlOrderRepository(tx) }, outbox));
  }
}
