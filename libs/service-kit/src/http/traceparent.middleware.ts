import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';

/** W3C traceparent of the active span, or undefined when there is no (valid) span. */
export function currentTraceparent(): string | undefined {
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  const flags = spanContext.traceFlags.toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/** Sets `traceparent` on every response so a caller can paste the trace id into Jaeger. */
export function traceparentMiddleware(_req: Request, res: Response, next: NextFunction): void {
  const traceparent = currentTraceparent();
  if (traceparent) res.setHeader('traceparent', traceparent);
  next();
}
