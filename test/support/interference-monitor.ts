import type { EventInjector } from '../../libs/test-harness/src/saga-suite';

/**
 * Any other instance of the services that joins this run's `<prefix><service>.<Handler>` groups (a
 * service ignoring KAFKA_TOPIC_PREFIX, a leaked process of an earlier run) takes a share of the run's
 * partitions to its own database. Such a run proves nothing about the services: this watches for it so
 * a failure can be blamed on the run, not on a service.
 */
export class InterferenceMonitor {
  private readonly sightings = new Map<string, number>();
  private readonly tolerated = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly injector: EventInjector,
    private readonly services: readonly string[],
    private readonly groupPrefix: string,
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
      const service = group.slice(this.groupPrefix.length).split('.')[0];
      if (members <= 1 || this.tolerated.has(service)) continue;
      this.sightings.set(group, Math.max(members, this.sightings.get(group) ?? 0));
    }
  }
}
