import type { ConsumerHost, EventHandler } from '@saga/messaging';
import type { OrderUseCases } from '../../application/order-use-cases';
import { CancelOrderOnOrderProcessingFailed } from './cancel-order-on-order-processing-failed';
import { CancelOrderOnPaymentFailed } from './cancel-order-on-payment-failed';
import { CompleteOrderOnPaymentSucceeded } from './complete-order-on-payment-succeeded';
import { RecordCouponAppliedOnCouponApplied } from './record-coupon-applied-on-coupon-applied';
import { RecordStockReservedOnStockReserved } from './record-stock-reserved-on-stock-reserved';
import { RequestPaymentOnOrderProcessingSucceeded } from './request-payment-on-order-processing-succeeded';
import { UpdatePriceReplicaOnProductCatalogUpdated } from './update-price-replica-on-product-catalog-updated';

/** Every subscription of the order service; each handler is its own consumer group `order.<name>`. */
export function orderSubscriptions(useCases: OrderUseCases): EventHandler<any>[] {
  return [
    new RecordStockReservedOnStockReserved(useCases.recordBranchSuccess),
    new RecordCouponAppliedOnCouponApplied(useCases.recordBranchSuccess),
    new RequestPaymentOnOrderProcessingSucceeded(useCases.requestPayment),
    new CompleteOrderOnPaymentSucceeded(useCases.completeOrder),
    new CancelOrderOnOrderProcessingFailed(useCases.cancelOrder),
    new CancelOrderOnPaymentFailed(useCases.cancelOrder),
    new UpdatePriceReplicaOnProductCatalogUpdated(useCases.updatePriceReplica),
  ];
}

export function registerOrderSubscriptions(host: ConsumerHost, useCases: OrderUseCases): void {
  host.register(...orderSubscriptions(useCases));
}
