import { CancelOrderOnOrderProcessingFailed } from './cancel-order-on-order-processing-failed';
import { CancelOrderOnPaymentFailed } from './cancel-order-on-payment-failed';
import { CompleteOrderOnPaymentSucceeded } from './complete-order-on-payment-succeeded';
import { RecordCouponAppliedOnCouponApplied } from './record-coupon-applied-on-coupon-applied';
import { RecordStockReservedOnStockReserved } from './record-stock-reserved-on-stock-reserved';
import { UpdatePriceReplicaOnProductCatalogUpdated } from './update-price-replica-on-product-catalog-updated';

/** Every subscription of the order service, consumed in its one consumer group `order`; inbox key `order.<Handler>`. */
export const ORDER_HANDLERS = [
  RecordStockReservedOnStockReserved,
  RecordCouponAppliedOnCouponApplied,
  CompleteOrderOnPaymentSucceeded,
  CancelOrderOnOrderProcessingFailed,
  CancelOrderOnPaymentFailed,
  UpdatePriceReplicaOnProductCatalogUpdated,
];
