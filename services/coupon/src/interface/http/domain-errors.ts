import { HttpException, HttpStatus } from '@nestjs/common';
import { ConflictError, NotFoundError, UnprocessableError, type DomainErrorTranslator } from '@saga/service-kit';
import {
  CouponAlreadyExistsError,
  CouponAlreadyHeldError,
  CouponNotFoundError,
  CouponSoldOutError,
  InvalidCouponDefinitionError,
  IssueRequestRefusedError,
  IssueTemporarilyUnavailableError,
} from '../../domain';

/** The coupon service's domain errors as HTTP errors (applied to every route by the service runtime). */
export const toHttpError: DomainErrorTranslator = (error) => {
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
};
