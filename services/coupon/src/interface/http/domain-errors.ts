import { HttpException, HttpStatus } from '@nestjs/common';
import { ConflictError, NotFoundError, UnprocessableError } from '@saga/service-kit';
import {
  CouponAlreadyExistsError,
  CouponAlreadyHeldError,
  CouponNotFoundError,
  CouponSoldOutError,
  InvalidCouponDefinitionError,
  IssueRequestRefusedError,
  IssueTemporarilyUnavailableError,
} from '../../domain';

/** Domain failures to HTTP; anything else propagates (500 through the global filter). */
export function toHttpError(error: unknown): unknown {
  if (error instanceof CouponNotFoundError) return new NotFoundError(error.message);
  if (error instanceof CouponAlreadyExistsError) return new ConflictError(error.message, 'coupon_exists');
  if (error instanceof CouponAlreadyHeldError) return new ConflictError(error.message, 'already_held');
  if (error instanceof CouponSoldOutError) return new ConflictError(error.message, 'sold_out');
  if (error instanceof IssueRequestRefusedError) return new ConflictError(error.message, error.reason);
  if (error instanceof InvalidCouponDefinitionError)
    return new UnprocessableError(error.message, 'invalid_coupon', { path: error.field });
  if (error instanceof IssueTemporarilyUnavailableError) {
    return new HttpException({ error: 'unavailable', message: 'try again shortly' }, HttpStatus.SERVICE_UNAVAILABLE);
  }
  return error;
}

export async function mapped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toHttpError(error);
  }
}
