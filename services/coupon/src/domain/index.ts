export * from './coupon';
export * from './user-coupon';
export * from './issuance';
export * from './errors';
