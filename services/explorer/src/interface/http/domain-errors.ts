import { ConflictError, NotFoundError, ValidationFailedException } from '@saga/service-kit';
import { InvalidCursorError } from '../../application/list-sagas/cursor';
import { DeadLetterNotFoundError, DeadLetterNotReplayableError, SagaNotFoundError } from '../../domain/errors';

/** Domain errors know nothing about HTTP; this is where they get their status (the runtime applies it to every route). */
export function toHttpError(error: unknown): unknown {
  if (error instanceof SagaNotFoundError) return new NotFoundError(error.message, 'saga_not_found');
  if (error instanceof DeadLetterNotFoundError) return new NotFoundError(error.message, 'dead_letter_not_found');
  if (error instanceof DeadLetterNotReplayableError) return new ConflictError(error.message, 'not_replayable');
  if (error instanceof InvalidCursorError) {
    return new ValidationFailedException([{ path: 'cursor', message: error.message }]);
  }
  return error;
}
