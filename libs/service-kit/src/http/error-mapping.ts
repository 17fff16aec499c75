import { HttpException } from '@nestjs/common';
import { HttpMappedError } from './http-errors';

export interface HttpErrorResponse {
  status: number;
  body: Record<string, unknown>;
  /** true when the error is a bug or an outage (5xx) and must be logged with its stack. */
  unexpected: boolean;
}

const codeByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** body-parser errors (malformed JSON, too large) carry `type` and `status`; they are client errors. */
function isBodyParserError(error: unknown): error is { status: number; type: string; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { status?: unknown; type?: unknown };
  return typeof candidate.status === 'number' && typeof candidate.type === 'string' && candidate.status < 500;
}

export function mapErrorToHttp(error: unknown): HttpErrorResponse {
  if (error instanceof HttpMappedError) {
    return {
      status: error.status,
      body: { error: error.code, message: error.message, ...error.details },
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response !== null && 'error' in response && 'issues' in response) {
      return { status, body: response as Record<string, unknown>, unexpected: status >= 500 };
    }
    const message =
      typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return {
      status,
      body: { error: codeByStatus[status] ?? (status >= 500 ? 'internal_error' : 'error'), message },
      unexpected: status >= 500,
    };
  }
  if (isBodyParserError(error)) {
    const malformed = error.type === 'entity.parse.failed';
    return {
      status: error.status,
      body: {
        error: malformed ? 'malformed_json' : (codeByStatus[error.status] ?? 'bad_request'),
        message: malformed ? 'request body is not valid JSON' : error.message,
      },
      unexpected: false,
    };
  }
  return { status: 500, body: { error: 'internal_error', message: 'internal server error' }, unexpected: true };
}
