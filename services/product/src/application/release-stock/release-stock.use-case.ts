import { mergeLines } from '../../domain/reservation';
import type { InventoryUnitOfWork } from '../ports/inventory-unit-of-work';
import type { ReleaseStockCommand, ReleaseStockOutcome } from './release-stock.command';

/**
 * Compensation for a failed order: gives reserved stock back exactly once; if product never reserved
 * for the order, leaves a tombstone so a late OrderPlaced does not reserve.
 */
export class ReleaseStockUseCase {
  constructor(private readonly uow: InventoryUnitOfWork) {}

  execute(command: ReleaseStockCommand): Promise<ReleaseStockOutcome> {
    const { orderId } = command;
    return this.uow.run(async (tx) => {
      await tx.orders.lock(orderId);
      const released = mergeLines(await tx.reservations.transition(orderId, 'RESERVED', 'RELEASED'));
      if (released.length > 0) {
        await tx.products.returnStock(released);
        return 'released';
      }

      if ((await tx.reservations.linesOf(orderId)).length === 0) {
        await tx.orders.tombstone(orderId, command.reason);
        return 'tombstoned';
      }
      return 'nothing_to_release';
    });
  }
}
