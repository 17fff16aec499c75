import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { catchError, Observable, throwError } from 'rxjs';

/**
 * A service's table from its domain/application errors to the HTTP errors of this kit (NotFoundError,
 * ConflictError, ...); returns anything it does not know unchanged (500 through the global filter).
 */
export type DomainErrorTranslator = (error: unknown) => unknown;

export const DOMAIN_ERROR_TRANSLATOR = Symbol('DomainErrorTranslator');

/** Domain errors know nothing about HTTP; this is the one place where they get their status. */
@Injectable()
export class DomainErrorsInterceptor implements NestInterceptor {
  constructor(@Inject(DOMAIN_ERROR_TRANSLATOR) private readonly translate: DomainErrorTranslator) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.translate(error))));
  }
}

/** Applies `translate` to the errors of every route of the application. */
export function domainErrorMapping(translate: DomainErrorTranslator): Provider[] {
  return [
    { provide: DOMAIN_ERROR_TRANSLATOR, useValue: translate },
    { provide: APP_INTERCEPTOR, useClass: DomainErrorsInterceptor },
  ];
}
