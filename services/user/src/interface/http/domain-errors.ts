import { ConflictError, NotFoundError, type DomainErrorTranslator } from '@saga/service-kit';
import { UserAlreadyExistsError, UserNotFoundError } from '../../domain/errors';

/** The user service's domain errors as HTTP errors (applied to every route by the service runtime). */
export const toHttpError: DomainErrorTranslator = (error) => {
  if (error instanceof UserNotFoundError) return new NotFoundError(error.message, 'user_not_found');
  if (error instanceof UserAlreadyExistsError) return new ConflictError(error.message, 'user_exists');
  return error;
};
