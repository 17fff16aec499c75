import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationFailedException } from '@saga/service-kit';
import { catchError, Observable, throwError } from 'rxjs';
import { InvalidCursorError } from '../../application/list-sagas/cursor';
import { DeadLetterNotFoundError, DeadLetterNotReplayableError, SagaNotFoundError } from '../../domain/errors';

function toHttpError(error: unknown): unknown {
  if (error instanceof SagaNotFoundError) return new NotFoundError(error.message, 'saga_not_found');
  if (error instanceof DeadLetterNotFoundError) return new NotFoundError(error.message, 'dead_letter_not_found');
  if (error instanceof DeadLetterNotReplayableError) return new ConflictError(error.message, 'not_replayable');
  if (error instanceof InvalidCursorError) {
    return new ValidationFailedException([{ path: 'cursor', message: error.message }]);
  }
  return error;
}

/** Domain errors know nothing about HTTP; this is where they get their status. */
@Injectable()
export class DomainErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => toHttpError(error))));
  }
}
