import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@saga/service-kit';
import { catchError, Observable, throwError } from 'rxjs';
import { UserAlreadyExistsError, UserNotFoundError } from '../../domain/errors';

function toHttpError(error: unknown): unknown {
  if (error instanceof UserNotFoundError) return new NotFoundError(error.message, 'user_not_found');
  if (error instanceof UserAlreadyExistsError) return new ConflictError(error.message, 'user_exists');
  return error;
}

/** Domain errors know nothing about HTTP; this is where they get their status. */
@Injectable()
export class DomainErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => toHttpError(error))));
  }
}
