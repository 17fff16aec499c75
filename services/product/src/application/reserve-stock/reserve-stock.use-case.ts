import { createEvent, OrderProcessingFailed, StockReserved } from '@saga/contracts';
import { decideReservation, mergeLines } from '../../domain/reservation';
import type { InventoryUnitOfWork } from '../ports/inventory-unit-of-work';
import type { ReserveStockCommand, ReserveStockOutcome } from './reserve-stock.command';

export class ReserveStockUseCase {
  constructor(private readonly uow: InventoryUnitOfWork) {}

  execute(command: ReserveStockCommand): Promise<ReserveStockOutcome> {
    const { orderId, causationId } = command;
    return this.uow.run(async (tx) => {
      await tx.orders.lock(orderId);
      if (await tx.orders.isTombstoned(orderId)) return 'skipped_cancelled';
      if ((await tx.reservations.linesOf(orderId)).length > 0) return 'skipped_already_reserved';

      const lines = mergeLines(command.items);
      const stocks = await tx.products.lockStock(lines.map((l) => l.productId));
      const decision = decideReservation(lines, stocks);
      if (!decision.ok) {
        await tx.outbox.append(
          createEvent(OrderProcessingFailed, {
            orderId,
            causationId,
            payload: { reason: decision.reason, failedBy: 'product', detail: decision.detail },
          }),
        );
        return 'refused';
      }

      await tx.products.takeStock(lines);
      await tx.reservations.reserve(orderId, lines);
      await tx.outbox.append(createEvent(StockReserved, { orderId, causationId, payload: { items: lines } }));
      return 'reserved';
    });
  }
}
