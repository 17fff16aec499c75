import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { enableServiceMetrics, recordHttpRequest, renderMetrics, UNMATCHED_ROUTE } from '@saga/metrics';

export const METRICS_PATH = '/metrics';

/**
 * Records every request's duration under its route template once the response is sent. Requests no
 * route matched (404s, bodies rejected by the JSON parser before routing) are labelled `unmatched`.
 */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const startedAt = performance.now();
  res.once('finish', () => {
    const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : UNMATCHED_ROUTE;
    recordHttpRequest(req.method, route, res.statusCode, (performance.now() - startedAt) / 1000);
  });
  next();
}

/**
 * GET /metrics (Prometheus text format, unauthenticated like /health: it is meant for the scraper on
 * the internal network) plus the HTTP request metrics, on every service through the shared bootstrap.
 */
export function mountMetrics(app: INestApplication, service: string): void {
  enableServiceMetrics(service);
  app.use(httpMetricsMiddleware);
  app.getHttpAdapter().get(METRICS_PATH, (_req: Request, res: Response) => {
    renderMetrics().then(
      ({ contentType, body }) => res.setHeader('Content-Type', contentType).end(body),
      (error: unknown) =>
        res
          .status(500)
          .type('text/plain')
          .end(`metrics collection failed: ${String(error)}`),
    );
  });
}
