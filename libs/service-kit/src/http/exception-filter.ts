import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Logger } from 'pino';
import { mapErrorToHttp } from './error-mapping';

/** Every error becomes JSON; 5xx details stay in the log (with trace_id from the logger mixin). */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const mapped = mapErrorToHttp(error);
    if (mapped.unexpected) {
      this.logger.error({ err: error, method: request.method, url: request.originalUrl }, 'request failed');
    }
    if (response.headersSent) return;
    response.status(mapped.status).json(mapped.body);
  }
}
