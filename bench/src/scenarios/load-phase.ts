import { PhaseWindow } from '../analysis/phase-summary';
import { CheckoutRecord } from '../measure/order-tracker';
import { runOpenLoop } from '../load/open-loop-scheduler';
import { sleep } from '../platform/concurrency';
import { CheckoutSource } from '../workload/checkout-mix';
import { RunContext } from './run-context';

let sequence = 0;

/** Places checkouts at a fixed arrival rate for a while, then waits for every HTTP response. */
export async function runLoadPhase(
  ctx: RunContext,
  name: string,
  ratePerSec: number,
  durationSec: number,
  source: CheckoutSource,
): Promise<PhaseWindow> {
  const pending = new Set<Promise<void>>();
  const startedAt = ctx.clock.now();
  const scheduler = await runOpenLoop(ctx.clock, { ratePerSec, durationSec }, (index, scheduledAt) => {
    const plan = source.next();
    const record: CheckoutRecord = { index: sequence++, phase: name, plan, scheduledAt, sentAt: ctx.clock.now() };
    ctx.tracker.onSent(record);
    const body = plan.couponId ? { items: plan.items, couponId: plan.couponId } : { items: plan.items };
    const request = ctx.api
      .placeOrder(plan.userId, `${ctx.runId}-${record.index}`, body)
      .then((res) => {
        record.respondedAt = ctx.clock.now();
        record.httpStatus = res.status;
        const orderId = (res.body as { orderId?: unknown } | null)?.orderId;
        if (res.status === 202 && typeof orderId === 'string') ctx.tracker.onAccepted(record, orderId);
        else record.error = `HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      })
      .catch((error: Error) => {
        record.respondedAt = ctx.clock.now();
        record.error = `${error.name}: ${error.message}`;
      });
    pending.add(request);
    void request.finally(() => pending.delete(request));
  });
  const endedAt = ctx.clock.now();
  await Promise.all([...pending]);
  return { name, targetRate: ratePerSec, durationSec, startedAt, endedAt, scheduler };
}

/** Waits until every accepted saga ended, or gives up after timeoutMs (the rest count as timeouts). */
export async function drain(ctx: RunContext, timeoutMs: number): Promise<number> {
  const deadline = ctx.clock.now() + timeoutMs;
  while (ctx.tracker.inFlight() > 0 && ctx.clock.now() < deadline) await sleep(200);
  return ctx.tracker.inFlight();
}
