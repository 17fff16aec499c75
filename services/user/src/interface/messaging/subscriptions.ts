import { DebitBalanceOnPaymentRequested } from './debit-balance-on-payment-requested';
import { RefundPaymentOnOrderProcessingFailed } from './refund-payment-on-order-processing-failed';

/**
 * Every subscription of the user service, consumed in its one consumer group `user`; inbox key `user.<Handler>`.
 * order.payment.fail is not consumed: user emits it itself, after recording the rejected payment.
 */
export const USER_HANDLERS = [DebitBalanceOnPaymentRequested, RefundPaymentOnOrderProcessingFailed];
