import { BaseEnv, devDatabaseUrl, envBoolean, envPort, loadEnv } from '@saga/service-kit';
import { z } from 'zod';

export const ExplorerEnv = BaseEnv.extend({
  PORT: envPort(3005),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(devDatabaseUrl('explorer_db')),
  /** The order service's SAGA_TIMEOUT_MS: a saga is OVERDUE this long after OrderPlaced without a terminal event. */
  SAGA_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Jaeger UI base address; the page links `<JAEGER_UI_URL>/trace/<trace id>`. */
  JAEGER_UI_URL: z.url().default('http://127.0.0.1:16686'),
  /**
   * The projection may trail the saga by up to a second, so each fetch gathers up to 100 ms of events
   * (a fetch otherwise returns at the first message) and they are projected in batches: one transaction
   * per partition batch instead of one per event.
   */
  CONSUMER_FETCH_MIN_BYTES: z.coerce.number().int().positive().default(1_048_576),
  CONSUMER_FETCH_MAX_WAIT_MS: z.coerce.number().int().positive().default(100),
  /**
   * A fetch brings events of up to 87 partitions; taken up together, they are projected in one transaction
   * (ChunkGatherer, at most CONSUMER_BATCH_MAX events) instead of one per partition.
   */
  CONSUMER_PARTITIONS_CONCURRENTLY: z.coerce.number().int().positive().default(32),
  /**
   * A `<topic> process` span per projected event in the checkout's trace. Off by default: the explorer only
   * observes the saga (it links each saga to its trace by the id in the event headers), and nine spans per
   * checkout would cost it a third of its CPU and crowd the trace with work that is not the checkout's.
   */
  TRACING_PROJECTION: envBoolean(false),
});
export type ExplorerEnv = z.infer<typeof ExplorerEnv>;

/** The only place that reads process.env. */
export const loadExplorerEnv = (): ExplorerEnv => loadEnv(ExplorerEnv);
