/** The explorer's JSON API as the page uses it; the token is the one pasted in the header. */
export interface SagaSummary {
  orderId: string;
  userId: string | null;
  state: string;
  status?: string;
  failureReason: string | null;
  traceId: string | null;
  startedAt: string;
  eventCount: number;
  deadLetterCount: number;
}

export interface TimelineEvent {
  kind: 'EVENT' | 'INVALID' | 'DEAD_LETTER';
  eventId: string | null;
  eventType: string;
  topic: string;
  service: string;
  occurredAt: string;
  causationId: string | null;
  failureReason: string | null;
  compensation: boolean;
  compensatedBy: string[];
  error: string | null;
}

export interface SagaTimeline extends SagaSummary {
  events: TimelineEvent[];
  traceUrl: string | null;
}

export interface DeadLetter {
  id: string;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  consumerGroup: string | null;
  error: string | null;
  eventType: string | null;
  orderId: string | null;
  failedAt: string | null;
  replays: Array<{ replayedBy: string; replayedAt: string; targetTopic: string }>;
}

export interface ReplayOutcome {
  executed: boolean;
  message: { topic: string; key: string | null; headers: Record<string, string>; value: string | null };
  replayedAt: string | null;
  replayedBy: string | null;
}

export class ApiError extends Error {}

export async function api<T>(token: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: { authorization: `Bearer ${token}` } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(`${response.status}: ${body?.message ?? body?.error ?? response.statusText}`);
  return body as T;
}
