import type { ComponentName } from '../config';

export interface Component {
  readonly name: ComponentName;
  /** Where `pnpm infra logs <name>` reads from. */
  readonly logFile: string;
  /** Download/build into the shared cache; a no-op when already cached. */
  install(): Promise<void>;
  isHealthy(): Promise<boolean>;
  /** Starts the process (not yet healthy when this resolves) and records its pid. */
  start(): Promise<void>;
  /** True when a process this checkout started is running. */
  isOwned(): boolean;
  /** Stops only what this checkout started. */
  stop(): Promise<void>;
  readonly startupTimeoutMs: number;
}
