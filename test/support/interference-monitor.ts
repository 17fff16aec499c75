import type { EventInjector } from '../../libs/test-harness/src/saga-suite';

/**
 * The services have no per-run topic or consumer-group prefix, so any other instance of them (a dev
 * stack, another suite) that joins `<service>.<Handler>` takes a share of this suite's partitions to its
 * own database. Such a run proves nothing about the services: this watches for it so a failure can be
 * blamed on the run, not on a service.
 */
export class InterferenceMonitor {
  private readonly sightings = new Map<string, number>();
  private readonly tolerated = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly injector: EventInjector,
    private readonly services: readonly string[],
  ) {}

  start(intervalMs = 2000): void {
    this.timer = setInterval(() => void this.check().catch(() => undefined), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A killed service's dead member stays in its groups until its session times out: not a stranger (for the rest of the file). */
  tolerate(service: string): void {
    this.tolerated.add(service);
  }

  /** Groups seen with more than one member since the last call, with the most members seen. */
  takeSightings(): Map<string, number> {
    const seen = new Map(this.sightings);
    this.sightings.clear();
    return seen;
  }

  private async check(): Promise<void> {
    const counts = await this.injector.groupMemberCounts([...this.services]);
    for (const [group, members] of counts) {
      if (members <= 1 || this.tolerated.has(group.split('.')[0])) continue;
      this.sightings.set(group, Math.max(members, this.sightings.get(group) ?? 0));
    }
  }
}
