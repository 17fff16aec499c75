import type { SqlExecutor, UnitOfWork } from '@saga/outbox';
import { SqlOrderGuard } from '@saga/service-runtime';
import type { InventoryTx, InventoryUnitOfWork } from '../../application/ports/inventory-unit-of-work';
import { SqlProductStore } from './sql-product-store';
import { SqlReservationStore } from './sql-reservation-store';
import { SqlSalesStore } from './sql-sales-store';

/** The inventory ports over one PostgreSQL transaction (joining a consumer's, via @saga/outbox). */
export class SqlInventoryUnitOfWork implements InventoryUnitOfWork {
  constructor(private readonly uow: UnitOfWork<SqlExecutor>) {}

  run<T>(work: (tx: InventoryTx) => Promise<T>): Promise<T> {
    return this.uow.run((tx, outbox) =>
      work({
        orders: new SqlOrderGuard(tx),
        products: new SqlProductStore(tx),
        reservations: new SqlReservationStore(tx),
        sales: new SqlSalesStore(tx),
        outbox,
      }),
    );
  }
}
