/**
 * Where long-running components (outbox relay, consumers) report whether they can make progress.
 * `down` while they wait out an outage, `up` once they work again; readiness and the saga deadline's
 * outage windows are built from these reports (service-kit's DependencyMonitor implements it).
 */
export interface HealthReporter {
  up(component: string): void;
  down(component: string, reason: string): void;
}

export const noHealthReporter: HealthReporter = { up: () => undefined, down: () => undefined };

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
