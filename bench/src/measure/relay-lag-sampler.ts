import { SERVICES, ServiceName } from '../config/env';
import { Databases } from '../platform/databases';

export interface RelayLagSample {
  t: number;
  service: ServiceName;
  unpublished: number;
  oldestAgeMs: number;
}

/** How far each service's outbox relay is behind: unpublished rows and the age of the oldest one. */
export async function sampleRelayLag(db: Databases, t: number): Promise<RelayLagSample[]> {
  return Promise.all(
    SERVICES.map(async (service) => {
      const [row] = await db.query<{ unpublished: string; oldest_age_ms: string | null }>(
        service,
        `SELECT count(*)::text AS unpublished,
                (extract(epoch FROM (clock_timestamp() - min(created_at))) * 1000)::bigint::text AS oldest_age_ms
           FROM outbox_message WHERE published_at IS NULL`,
      );
      return { t, service, unpublished: Number(row.unpublished), oldestAgeMs: Number(row.oldest_age_ms ?? 0) };
    }),
  );
}
