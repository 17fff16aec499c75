import { mergeLines } from '../../domain/reservation';
import { salesOf } from '../../domain/sales';
import type { InventoryUnitOfWork } from '../ports/inventory-unit-of-work';
import type { RecordSalesCommand, RecordSalesOutcome } from './record-sales.command';

/** The order completed: its reservations become sales, counted once per reservation. */
export class RecordSalesUseCase {
  constructor(private readonly uow: InventoryUnitOfWork) {}

  execute(command: RecordSalesCommand): Promise<RecordSalesOutcome> {
    return this.uow.run(async (tx) => {
      await tx.orders.lock(command.orderId);
      const committed = mergeLines(await tx.reservations.transition(command.orderId, 'RESERVED', 'COMMITTED'));
      const sales = salesOf(command.lines);
      if (committed.length === 0) return 'nothing_to_commit';
      await tx.sales.add(
        committed.map((line) => ({
          productId: line.productId,
          units: line.quantity,
          revenue: sales.get(line.productId)?.revenue ?? 0,
        })),
      );
      return 'recorded';
    });
  }
}
