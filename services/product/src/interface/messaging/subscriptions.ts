import { RecordSalesOnOrderCompleted } from './record-sales-on-order-completed';
import { ReleaseStockOnOrderProcessingFailed } from './release-stock-on-order-processing-failed';
import { ReleaseStockOnPaymentFailed } from './release-stock-on-payment-failed';
import { ReserveStockOnOrderPlaced } from './reserve-stock-on-order-placed';

/** Every subscription of the product service, consumed in its one consumer group `product`; inbox key `product.<Handler>`. */
export const PRODUCT_HANDLERS = [
  ReserveStockOnOrderPlaced,
  ReleaseStockOnOrderProcessingFailed,
  ReleaseStockOnPaymentFailed,
  RecordSalesOnOrderCompleted,
];
