import type { ConsumerHost, EventHandler } from '@saga/messaging';
import type { OrderUseCases } from '../../application/order-use-cases';
import { CancelOrderOnOrderProcessingFailed } from './CancelOrderOnOrderProcessingFailed';
import { CancelOrderOnPaymentFailed } from './CancelOrderOnPaymentFailed';
import { CompleteOrderOnPaymentSucceeded } from './CompleteOrderOnPaymentSucceeded';
import { RecordCouponAppliedOnCouponApplied } from './RecordCouponAppliedOnCouponApplied';
import { RecordStockReservedOnStockReserved } from './RecordStockReservedOnStockReserved';
import { UpdatePriceReplicaOnProductCatalogUpdated } from './UpdatePriceReplicaOnProductCatalogUpdated';

/** Every subscription of the order service; each handler is its own consumer group `order.<name>`. */
export function orderSubscriptions(useCases: OrderUseCases): EventHandler<any>[] {
  return [
    new RecordStockReservedOnStockReserved(useCases.recordBranchSuccess),
    new RecordCouponAppliedOnCouponApplied(useCases.recordBranchSuccess),
    new CompleteOrderOnPaymentSucceeded(useCases.completeOrder),
    new CancelOrderOnOrderProcessingFailed(useCases.cancelOrder),
    new CancelOrderOnPaymentFailed(useCases.cancelOrder),
    new UpdatePriceReplicaOnProductCatalogUpdated(useCases.updatePriceReplica),
  ];
}

export function registerOrderSubscriptions(host: ConsumerHost, useCases: OrderUseCases): void {
  host.register(...orderSubscriptions(useCases));
}
