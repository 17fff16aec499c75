/** Domain failures the interface layer maps to HTTP statuses. */
export class CouponNotFoundError extends Error {
  constructor(readonly couponId: string) {
    super(`coupon ${couponId} not found`);
    this.name = 'CouponNotFoundError';
  }
}

export class CouponAlreadyExistsError extends Error {
  constructor(readonly couponId: string) {
    super(`coupon ${couponId} already exists`);
    this.name = 'CouponAlreadyExistsError';
  }
}

export class CouponAlreadyHeldError extends Error {
  constructor(
    readonly couponId: string,
    readonly userId: string,
  ) {
    super(`user ${userId} already holds coupon ${couponId}`);
    this.name = 'CouponAlreadyHeldError';
  }
}

export class CouponSoldOutError extends Error {
  constructor(readonly couponId: string) {
    super(`coupon ${couponId} is sold out`);
    this.name = 'CouponSoldOutError';
  }
}

export class IssueRequestRefusedError extends Error {
  constructor(readonly reason: 'sold_out' | 'already_requested') {
    super(`issue request refused: ${reason}`);
    this.name = 'IssueRequestRefusedError';
  }
}

/** The request could not be recorded; nothing was reserved, the caller may retry. */
export class IssueTemporarilyUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`issue request could not be recorded: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'IssueTemporarilyUnavailableError';
  }
}
