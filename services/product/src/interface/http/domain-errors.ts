import { ConflictError, NotFoundError, type DomainErrorTranslator } from '@saga/service-kit';
import { ProductAlreadyExistsError, ProductNotFoundError } from '../../domain/errors';

/** The product service's domain errors as HTTP errors (applied to every route by the service runtime). */
export const toHttpError: DomainErrorTranslator = (error) => {
  if (error instanceof ProductNotFoundError) return new NotFoundError(error.message, 'product_not_found');
  if (error instanceof ProductAlreadyExistsError) return new ConflictError(error.message, 'product_exists');
  return error;
};
