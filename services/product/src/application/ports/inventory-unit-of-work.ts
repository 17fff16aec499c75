import type { OutboxAppender } from '@saga/outbox';
import type { OrderGuard } from '@saga/service-runtime';
import type { Product, ProductChanges } from '../../domain/product';
import type { ProductStock, ReservationStatus, StockLine } from '../../domain/reservation';
import type { SalesIncrement } from '../../domain/sales';

export interface ProductStore {
  /** Locks the rows of the given products in productId order and returns the ones that exist. */
  lockStock(productIds: readonly string[]): Promise<ProductStock[]>;
  /**
   * Takes every line from its product's stock. The rows are locked (lockStock) and the lines checked
   * against them (decideReservation); stock that would go negative fails the transaction, never clamps.
   */
  takeStock(lines: readonly StockLine[]): Promise<void>;
  /** Gives every line back to its product's stock, locking the rows in productId order like lockStock. */
  returnStock(lines: readonly StockLine[]): Promise<void>;
  /** false when the id is taken. */
  insert(product: Product): Promise<boolean>;
  /** null when the product does not exist. */
  update(productId: string, changes: ProductChanges): Promise<Product | null>;
}

export interface ReservationStore {
  linesOf(orderId: string): Promise<Array<StockLine & { status: ReservationStatus }>>;
  reserve(orderId: string, lines: readonly StockLine[]): Promise<void>;
  /** Conditional transition of every line of the order in status `from`; returns the lines it moved. */
  transition(orderId: string, from: ReservationStatus, to: ReservationStatus): Promise<StockLine[]>;
}

export interface SalesStore {
  add(increments: readonly SalesIncrement[]): Promise<void>;
}

export interface InventoryTx {
  readonly orders: OrderGuard;
  readonly products: ProductStore;
  readonly reservations: ReservationStore;
  readonly sales: SalesStore;
  readonly outbox: OutboxAppender;
}

/** One database transaction (joining the consumer's when called from a handler). */
export interface InventoryUnitOfWork {
  run<T>(work: (tx: InventoryTx) => Promise<T>): Promise<T>;
}
