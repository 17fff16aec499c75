import { NotFoundError, UnprocessableError, ValidationFailedException } from '@saga/service-kit';
import { OrderNotFoundError } from '../../application/shared/errors';
import { InvalidCursorError } from '../../application/list-orders/order-cursor';
import { IdempotencyKeyReusedError, UnknownProductError } from '../../domain/errors';

/** Translates domain/application errors into the service-kit HTTP errors; anything else passes through. */
export function toHttpError(error: unknown): unknown {
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
}
