import type { CancelExpiredOrders } from './cancel-expired-orders/cancel-expired-orders.use-case';
import type { CancelOrder } from './cancel-order/cancel-order.use-case';
import type { CompleteOrder } from './complete-order/complete-order.use-case';
import type { GetOrder } from './get-order/get-order.use-case';
import type { ListOrders } from './list-orders/list-orders.use-case';
import type { PlaceOrder } from './place-order/place-order.use-case';
import type { RecordBranchSuccess } from './record-branch-success/record-branch-success.use-case';
import type { UpdatePriceReplica } from './update-price-replica/update-price-replica.use-case';

/** The order service's use cases, as the HTTP and messaging interfaces see them. */
export interface OrderUseCases {
  placeOrder: PlaceOrder;
  getOrder: GetOrder;
  listOrders: ListOrders;
  recordBranchSuccess: RecordBranchSuccess;
  completeOrder: CompleteOrder;
  cancelOrder: CancelOrder;
  cancelExpiredOrders: CancelExpiredOrders;
  updatePriceReplica: UpdatePriceReplica;
}
