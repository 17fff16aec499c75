import { BaseEnv, devDatabaseUrl, envPort, loadEnv } from '@saga/service-kit';
import { z } from 'zod';

export const ExplorerEnv = BaseEnv.extend({
  PORT: envPort(3005),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(devDatabaseUrl('explorer_db')),
  /** The order service's SAGA_TIMEOUT_MS: a saga is OVERDUE this long after OrderPlaced without a terminal event. */
  SAGA_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Jaeger UI base address; the page links `<JAEGER_UI_URL>/trace/<trace id>`. */
  JAEGER_UI_URL: z.url().default('http://127.0.0.1:16686'),
});
export type ExplorerEnv = z.infer<typeof ExplorerEnv>;

/** The only place that reads process.env. */
export const loadExplorerEnv = (): ExplorerEnv => loadEnv(ExplorerEnv);
