import { CheckoutRecord } from '../measure/order-tracker';
import { summarize } from '../measure/percentiles';

/** One second of the run. Saga latencies are grouped by the second the saga ended in. */
export interface WindowStats {
  second: number;
  sent: number;
  accepted: number;
  httpErrors: number;
  completed: number;
  cancelled: number;
  /** accepted but not yet terminal at the end of the second */
  inFlight: number;
  sagaP50: number;
  sagaP90: number;
  sagaP99: number;
  sagaMax: number;
  httpP50: number;
  httpP99: number;
}

export function buildTimeline(records: readonly CheckoutRecord[], runStart: number, runEnd: number): WindowStats[] {
  const seconds = Math.max(1, Math.ceil((runEnd - runStart) / 1000));
  const bucket = (t: number) => Math.min(seconds - 1, Math.max(0, Math.floor((t - runStart) / 1000)));
  const windows = Array.from({ length: seconds }, (_, second) => ({
    second,
    sent: 0,
    accepted: 0,
    httpErrors: 0,
    completed: 0,
    cancelled: 0,
    acceptedDelta: 0,
    sagas: [] as number[],
    http: [] as number[],
  }));
  for (const r of records) {
    windows[bucket(r.scheduledAt)].sent++;
    if (r.respondedAt === undefined) continue;
    const w = windows[bucket(r.respondedAt)];
    if (r.orderId === undefined) {
      w.httpErrors++;
      continue;
    }
    w.accepted++;
    w.http.push(r.respondedAt - r.scheduledAt);
    if (r.terminal) {
      const end = windows[bucket(r.terminal.at)];
      if (r.terminal.outcome === 'COMPLETED') end.completed++;
      else end.cancelled++;
      end.sagas.push(Math.max(0, r.terminal.at - r.respondedAt));
    }
  }
  let inFlight = 0;
  return windows.map((w) => {
    inFlight += w.accepted - w.completed - w.cancelled;
    const saga = summarize(w.sagas);
    const http = summarize(w.http);
    return {
      second: w.second,
      sent: w.sent,
      accepted: w.accepted,
      httpErrors: w.httpErrors,
      completed: w.completed,
      cancelled: w.cancelled,
      inFlight: Math.max(0, inFlight),
      sagaP50: saga.p50,
      sagaP90: saga.p90,
      sagaP99: saga.p99,
      sagaMax: saga.max,
      httpP50: http.p50,
      httpP99: http.p99,
    };
  });
}
