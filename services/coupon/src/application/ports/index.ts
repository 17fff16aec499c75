export * from './unit-of-work';
export * from './coupon-repository';
export * from './user-coupon-repository';
export * from './order-ledger';
export * from './issue-request-repository';
export * from './issue-admission';
export * from './issuance-metrics';
