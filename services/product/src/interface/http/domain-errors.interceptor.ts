import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ConflictError, NotFoundError } from '@saga/service-kit';
import { catchError, Observable, throwError } from 'rxjs';
import { ProductAlreadyExistsError, ProductNotFoundError } from '../../domain/errors';

function toHttpError(error: unknown): unknown {
  if (error instanceof ProductNotFoundError) return new NotFoundError(error.message, 'product_not_found');
  if (error instanceof ProductAlreadyExistsError) return new ConflictError(error.message, 'product_exists');
  return error;
}

/** Domain errors know nothing about HTTP; this is where they get their status. */
@Injectable()
export class DomainErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => toHttpError(error))));
  }
}
