/**
 * Domain-free errors a use case may throw; the global filter maps them to HTTP.
 * `code` becomes the `error` field of the response body.
 */
export abstract class HttpMappedError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends HttpMappedError {
  readonly status = 404;
  constructor(message = 'not found', code = 'not_found', details?: Record<string, unknown>) {
    super(message, code, details);
  }
}

export class ConflictError extends HttpMappedError {
  readonly status = 409;
  constructor(message = 'conflict', code = 'conflict', details?: Record<string, unknown>) {
    super(message, code, details);
  }
}

export class UnprocessableError extends HttpMappedError {
  readonly status = 422;
  constructor(message = 'unprocessable', code = 'unprocessable', details?: Record<string, unknown>) {
    super(message, code, details);
  }
}

export class ForbiddenError extends HttpMappedError {
  readonly status = 403;
  constructor(message = 'forbidden', code = 'forbidden', details?: Record<string, unknown>) {
    super(message, code, details);
  }
}
