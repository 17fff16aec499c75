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
      for (const line of committed) {
        await tx.sales.add(line.productId, line.quantity, sales.get(line.productId)?.revenue ?? 0);
      }
      return committed.length > 0 ? 'recorded' : 'nothing_to_commit';
    });
  }
}
