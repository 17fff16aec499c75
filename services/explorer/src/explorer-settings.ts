/** The explorer's own settings next to the runtime's ServiceRuntimeConfig; built from the env in main.ts or by a test. */
export interface ExplorerSettings {
  /** The order service's SAGA_TIMEOUT_MS: the deadline of a saga after its OrderPlaced. */
  sagaTimeoutMs: number;
  /** Jaeger UI base address for trace links. */
  jaegerUiUrl: string;
}

export const EXPLORER_SETTINGS = Symbol('ExplorerSettings');
