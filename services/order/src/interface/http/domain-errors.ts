import {
  NotFoundError,
  UnprocessableError,
  ValidationFailedException,
  type DomainErrorTranslator,
} from '@saga/service-kit';
import { OrderNotFoundError } from '../../application/shared/errors';
import { InvalidCursorError } from '../../application/list-orders/order-cursor';
import { IdempotencyKeyReusedError, UnknownProductError } from '../../domain/errors';

/** The order service's domain errors as HTTP errors (applied to every route by the service runtime). */
export const toHttpError: DomainErrorTranslator = (error) => {
  if (error instanceof UnknownProductError) {
    return new UnprocessableError(error.message, 'unknown_product', {
      issues: [{ path: `items.${error.itemIndex}.productId`, message: 'unknown product' }],
    });
  }
  if (error instanceof IdempotencyKeyReusedError)
    return new UnprocessableError(error.message, 'idempotency_key_reused');
  if (error instanceof OrderNotFoundError) return new NotFoundError('order not found', 'order_not_found');
  if (error instanceof InvalidCursorError)
    return new ValidationFailedException([{ path: 'cursor', message: 'invalid cursor' }]);
  return error;
};
