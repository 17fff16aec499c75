import { z } from 'zod';
import { defineEvent, EventOf } from './define-event';
import { Money } from './envelope';
import { Topics } from './topics';

const OrderLine = z.object({
  productId: z.string().min(1),
  quantity: z.number().int().min(1).max(100),
  unitPrice: Money,
});

export const FailureReason = z.enum([
  'OUT_OF_STOCK',
  'UNKNOWN_PRODUCT',
  'COUPON_NOT_FOUND',
  'COUPON_NOT_OWNED',
  'COUPON_ALREADY_USED',
  'COUPON_EXPIRED',
  'INSUFFICIENT_BALANCE',
  'UNKNOWN_USER',
  'TIMEOUT',
]);
export type FailureReason = z.infer<typeof FailureReason>;

export const SagaParticipant = z.enum(['order', 'product', 'coupon', 'user']);
export type SagaParticipant = z.infer<typeof SagaParticipant>;

/** order.processing: the checkout was accepted; stock and coupon branches start in parallel. */
export const OrderPlaced = defineEvent({
  type: 'OrderPlaced',
  version: 1,
  topic: Topics.OrderProcessing,
  payload: z.object({
    userId: z.string().min(1),
    items: z.array(OrderLine).min(1).max(50),
    couponId: z.string().min(1).nullable(),
    subtotal: Money,
  }),
});

/** order.processing.stock.success */
export const StockReserved = defineEvent({
  type: 'StockReserved',
  version: 1,
  topic: Topics.OrderProcessingStockSuccess,
  payload: z.object({
    items: z.array(z.object({ productId: z.string().min(1), quantity: z.number().int().min(1) })).min(1),
  }),
});

/** order.processing.coupon.success */
export const CouponApplied = defineEvent({
  type: 'CouponApplied',
  version: 1,
  topic: Topics.OrderProcessingCouponSuccess,
  payload: z.object({
    couponId: z.string().min(1),
    userId: z.string().min(1),
    discountType: z.enum(['FIXED', 'PERCENT']),
    discountValue: z.number().int().min(0),
    /** Discount in minor units for this order's subtotal, never above it. */
    discount: Money,
  }),
});

/** order.processing.success: both branches succeeded (emitted once by the order aggregator). */
export const OrderProcessingSucceeded = defineEvent({
  type: 'OrderProcessingSucceeded',
  version: 1,
  topic: Topics.OrderProcessingSuccess,
  payload: z.object({ userId: z.string().min(1), subtotal: Money, discount: Money, total: Money }),
});

/** order.processing.fail: any participant (or the order's deadline) failed the saga; everyone compensates. */
export const OrderProcessingFailed = defineEvent({
  type: 'OrderProcessingFailed',
  version: 1,
  topic: Topics.OrderProcessingFail,
  payload: z.object({
    reason: FailureReason,
    failedBy: SagaParticipant,
    detail: z.string().max(1000).optional(),
  }),
});

/** order.payment: debit the buyer. */
export const PaymentRequested = defineEvent({
  type: 'PaymentRequested',
  version: 1,
  topic: Topics.OrderPayment,
  payload: z.object({ userId: z.string().min(1), amount: Money }),
});

/** order.payment.success */
export const PaymentSucceeded = defineEvent({
  type: 'PaymentSucceeded',
  version: 1,
  topic: Topics.OrderPaymentSuccess,
  payload: z.object({ userId: z.string().min(1), amount: Money }),
});

/** order.payment.fail: the debit was refused; stock, coupon and order compensate. */
export const PaymentFailed = defineEvent({
  type: 'PaymentFailed',
  version: 1,
  topic: Topics.OrderPaymentFail,
  payload: z.object({
    userId: z.string().min(1),
    amount: Money,
    reason: FailureReason,
    detail: z.string().max(1000).optional(),
  }),
});

/** order.processed: the order is COMPLETED; projections (sales statistics) consume it. */
export const OrderCompleted = defineEvent({
  type: 'OrderCompleted',
  version: 1,
  topic: Topics.OrderProcessed,
  payload: z.object({
    userId: z.string().min(1),
    items: z.array(OrderLine).min(1),
    subtotal: Money,
    discount: Money,
    total: Money,
    couponId: z.string().min(1).nullable(),
  }),
});

/**
 * coupon.issue.requested: a first-come-first-served issue request, keyed by coupon id. Written by coupon
 * versions that issued asynchronously; today's coupon issues in the request (CouponIssued) and only drains it.
 */
export const CouponIssueRequested = defineEvent({
  type: 'CouponIssueRequested',
  version: 1,
  topic: Topics.CouponIssueRequested,
  payload: z.object({ couponId: z.string().min(1), userId: z.string().min(1), requestedAt: z.iso.datetime() }),
  keyOf: (event) => event.payload.couponId,
});

/** coupon.issued: a user got a first-come-first-served coupon, in the transaction that issued it. */
export const CouponIssued = defineEvent({
  type: 'CouponIssued',
  version: 1,
  topic: Topics.CouponIssued,
  payload: z.object({ couponId: z.string().min(1), userId: z.string().min(1), issuedAt: z.iso.datetime() }),
  keyOf: (event) => event.payload.couponId,
});

/** product.catalog: a product was created or its name/price changed; order prices checkouts from its replica. */
export const ProductCatalogUpdated = defineEvent({
  type: 'ProductCatalogUpdated',
  version: 1,
  topic: Topics.ProductCatalog,
  payload: z.object({ productId: z.string().min(1), name: z.string().min(1), price: Money }),
  keyOf: (event) => event.payload.productId,
});

export type OrderPlaced = EventOf<typeof OrderPlaced>;
export type StockReserved = EventOf<typeof StockReserved>;
export type CouponApplied = EventOf<typeof CouponApplied>;
export type OrderProcessingSucceeded = EventOf<typeof OrderProcessingSucceeded>;
export type OrderProcessingFailed = EventOf<typeof OrderProcessingFailed>;
export type PaymentRequested = EventOf<typeof PaymentRequested>;
export type PaymentSucceeded = EventOf<typeof PaymentSucceeded>;
export type PaymentFailed = EventOf<typeof PaymentFailed>;
export type OrderCompleted = EventOf<typeof OrderCompleted>;
export type CouponIssueRequested = EventOf<typeof CouponIssueRequested>;
export type CouponIssued = EventOf<typeof CouponIssued>;
export type ProductCatalogUpdated = EventOf<typeof ProductCatalogUpdated>;

export const ALL_EVENTS = [
  OrderPlaced,
  StockReserved,
  CouponApplied,
  OrderProcessingSucceeded,
  OrderProcessingFailed,
  PaymentRequested,
  PaymentSucceeded,
  PaymentFailed,
  OrderCompleted,
  CouponIssueRequested,
  CouponIssued,
  ProductCatalogUpdated,
] as const;
