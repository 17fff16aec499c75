import { z } from 'zod';

/**
 * Span detail beyond the default budget of a checkout (docs/tracing.md, "Span budget"):
 * `sql` a span per SQL statement, `redis` a span per Redis command, `nest` the NestJS controller and
 * handler spans below each HTTP server span.
 */
export const SPAN_DETAILS = ['sql', 'redis', 'nest'] as const;
export type SpanDetail = (typeof SPAN_DETAILS)[number];

/**
 * TRACING_DETAIL: a comma-separated list of SPAN_DETAILS, `all`, or `none`/empty (the default: the
 * budget only). Unknown entries are refused so a typo does not silently trace less than asked.
 */
export const tracingDetail = () =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter((entry) => entry !== '' && entry !== 'none')
        .flatMap((entry) => (entry === 'all' ? [...SPAN_DETAILS] : [entry])),
    )
    .pipe(
      z.array(
        z.enum(SPAN_DETAILS, { error: `expected a comma-separated list of ${SPAN_DETAILS.join(', ')}, all or none` }),
      ),
    )
    .transform((details) => [...new Set(details)]);
