/** DI token of the UserCouponRepository (tests wrap it to inject failures). */
export const USER_COUPONS = Symbol('USER_COUPONS');
