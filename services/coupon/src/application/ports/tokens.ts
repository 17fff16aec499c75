/** DI tokens of the coupon ports (tests override USER_COUPONS to inject failures). */
export const COUPONS = Symbol('CouponRepository');
export const USER_COUPONS = Symbol('UserCouponRepository');
export const ORDER_LEDGER = Symbol('OrderLedger');
export const ISSUE_REQUESTS = Symbol('IssueRequestRepository');
export const ISSUE_ADMISSION = Symbol('IssueAdmission');
export const ISSUANCE_METRICS = Symbol('IssuanceMetrics');
