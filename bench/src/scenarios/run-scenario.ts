import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PhaseWindow, summarizePhase } from '../analysis/phase-summary';
import { judgeSustainability } from '../analysis/sustainability';
import { buildTimeline } from '../analysis/timeline';
import { BenchEnv } from '../config/env';
import { checkInvariants } from '../invariants/check-invariants';
import { measureProjectionLag } from '../measure/projection-lag';
import { sleep } from '../platform/concurrency';
import { seedFixtures, waitForCatalogReplica, waitForPlatform } from '../platform/seed';
import { renderHtmlReport } from '../report/html-report';
import { RunResult } from '../report/result';
import { renderSummary } from '../report/terminal-table';
import { CheckoutSource, HotProductMix, MixShares, RealisticMix } from '../workload/checkout-mix';
import { planFixtures } from '../workload/fixture-plan';
import { Fixtures } from '../workload/fixtures';
import { seededRandom } from '../workload/random';
import { LoadOptions } from './options';
import { drain, runLoadPhase } from './load-phase';
import { Log, RunContext } from './run-context';

export interface StepPlan {
  name: string;
  rate: number;
  durationSec: number;
  /** judge sustainability (sweep steps) */
  judge: boolean;
}

/** Decides the next step after each finished one; null ends the run. */
export type StepPlanner = (finished: { plan: StepPlan; sustainable: boolean | null }[]) => StepPlan | null;

export interface ScenarioSpec {
  scenario: string;
  options: LoadOptions & Record<string, unknown>;
  /** checkouts the fixtures must cover (stock, users, coupons) */
  plannedCheckouts: number;
  hotProduct: boolean;
  planner: StepPlanner;
  /** drain between steps, so each step starts from an empty pipeline */
  drainBetweenSteps: boolean;
}

/** Seed -> measure -> warm-up -> steps -> drain -> invariants -> JSON + HTML + terminal summary. */
export async function runScenario(env: BenchEnv, spec: ScenarioSpec, log: Log): Promise<RunResult> {
  const o = spec.options;
  const ctx = new RunContext(env, log, o.connections);
  const startedAt = new Date();
  const runStart = ctx.clock.now();
  const notes: string[] = [];
  try {
    await waitForPlatform(ctx.api, 60_000, log);
    const shares: MixShares = {
      outOfStock: o.outOfStockShare,
      insufficientBalance: o.insufficientShare,
      withCoupon: o.couponShare,
    };
    const warmupCheckouts = Math.round(o.warmup * firstRate(spec));
    const fixtures = planFixtures({
      runId: ctx.runId,
      plannedCheckouts: spec.plannedCheckouts + warmupCheckouts,
      shares,
      products: o.products,
      hotProduct: spec.hotProduct,
      maxGrants: o.maxGrants,
    });
    const counts = fixtureCounts(fixtures); // before the mix consumes grants
    await seedFixtures(ctx.api, fixtures, log);
    await waitForCatalogReplica(ctx.db, fixtures, 120_000, log);
    const source: CheckoutSource = spec.hotProduct
      ? new HotProductMix(fixtures, shares, seededRandom(o.seed))
      : new RealisticMix(fixtures, shares, seededRandom(o.seed));

    await ctx.startMeasuring(o.lagInterval);
    await sleep(1000); // let the watcher's first fetch pin its start offsets before any checkout
    const phases: PhaseWindow[] = [];
    const judged: { plan: StepPlan; sustainable: boolean | null }[] = [];
    if (o.warmup > 0) {
      log(`warm-up ${o.warmup}s at ${firstRate(spec)}/s`);
      await runLoadPhase(ctx, 'warmup', firstRate(spec), o.warmup, source);
      await drain(ctx, o.terminalTimeout * 1000);
    }
    const verdicts = new Map<string, ReturnType<typeof judgeSustainability>>();
    for (let plan = spec.planner(judged); plan; plan = spec.planner(judged)) {
      log(`${plan.name}: ${plan.rate}/s for ${plan.durationSec}s`);
      const window = await runLoadPhase(ctx, plan.name, plan.rate, plan.durationSec, source);
      phases.push(window);
      let sustainable: boolean | null = null;
      if (plan.judge) {
        // judge on what the step itself did: sagas still in flight at its end count as backlog
        const records = ctx.tracker.records.filter((r) => r.phase === plan!.name);
        const summary = summarizePhase(window, records, ctx.tracker.records, o.terminalTimeout * 1000, ctx.clock.now());
        const windows = buildTimeline(ctx.tracker.records, window.startedAt, window.endedAt);
        const verdict = judgeSustainability(summary, windows);
        verdicts.set(plan.name, verdict);
        sustainable = verdict.sustainable;
        log(
          `  ${verdict.sustainable ? 'sustainable' : `NOT sustainable: ${verdict.reasons.join('; ')}`} (${summary.completedPerSec} completed/s, p99 ${summary.latency.acceptedToCompleted.p99} ms)`,
        );
      }
      judged.push({ plan, sustainable });
      if (spec.drainBetweenSteps) await drain(ctx, o.terminalTimeout * 1000);
    }
    const left = await drain(ctx, o.terminalTimeout * 1000);
    if (left > 0)
      notes.push(`${left} accepted sagas were still not terminal ${o.terminalTimeout}s after the load ended`);
    await sleep(2000); // a last relay/consumer-lag sample after the drain
    const unsettled = await ctx.waitUntilSettled(60_000);
    if (unsettled > 0)
      notes.push(
        `${unsettled} events were still unpublished or unconsumed 60 s after the drain; invariants may show them`,
      );
    log('checking invariants');
    const invariants = await checkInvariants(ctx.api, ctx.db, fixtures, ctx.tracker.records);
    const measuredTerminals = ctx.tracker.records
      .filter((r) => r.phase !== 'warmup' && r.terminal)
      .map((r) => r.terminal!);
    const projectionLag = await measureProjectionLag(ctx.env, measuredTerminals).catch((error: Error) => {
      notes.push(`projection lag not measured: ${error.message}`);
      return null;
    });
    if (ctx.watcher.invalidMessages > 0)
      notes.push(`${ctx.watcher.invalidMessages} messages on terminal topics failed contract validation`);
    if (ctx.tracker.foreignEvents() > 0)
      notes.push(`${ctx.tracker.foreignEvents()} terminal events for orders of other clients were ignored`);
    if (ctx.samplerErrors.size > 0) notes.push(`sampler errors: ${[...ctx.samplerErrors].slice(0, 3).join(' | ')}`);

    const runEnd = ctx.clock.now();
    const sec = (t: number) => Math.round((t - runStart) / 100) / 10;
    const summaries = phases.map((w) => ({
      ...summarizePhase(
        w,
        ctx.tracker.records.filter((r) => r.phase === w.name),
        ctx.tracker.records,
        o.terminalTimeout * 1000,
      ),
      verdict: verdicts.get(w.name),
    }));
    const result: RunResult = {
      schemaVersion: 1,
      runId: ctx.runId,
      scenario: spec.scenario,
      label: o.label,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      options: o,
      environment: ctx.environment(await ctx.databaseDurability(), await ctx.serviceNodes()),
      fixtures: counts,
      phases: summaries,
      sweep: spec.scenario === 'sweep' ? bestStep(summaries) : undefined,
      timeline: buildTimeline(ctx.tracker.records, runStart, runEnd),
      phaseMarks: [
        ...(o.warmup > 0 ? [{ name: 'warmup', startSec: 0, endSec: 0 }] : []),
        ...phases.map((p) => ({ name: p.name, startSec: sec(p.startedAt), endSec: sec(p.endedAt) })),
      ],
      relayLag: ctx.relayLag.map(({ t, ...s }) => ({ ...s, sec: sec(t) })),
      consumerLag: ctx.consumerLag.map(({ t, ...s }) => ({ ...s, sec: sec(t) })),
      cpu: ctx.cpu.map(({ t, ...s }) => ({ ...s, sec: sec(t) })),
      invariants,
      projectionLag,
      notes,
    };
    if (o.warmup > 0) {
      const warm = ctx.tracker.records.find((r) => r.phase === 'warmup');
      if (warm) result.phaseMarks[0].startSec = sec(warm.scheduledAt);
    }
    await writeResult(result, o.out, log);
    return result;
  } finally {
    await ctx.close();
  }
}

export async function writeResult(result: RunResult, outDir: string, log: Log): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const base = resultFileBase(result, outDir);
  await writeFile(`${base}.json`, JSON.stringify(result, null, 1));
  await writeFile(`${base}.html`, renderHtmlReport(result));
  log(renderSummary(result));
  log(`\nresult: ${base}.json\nreport: ${base}.html`);
}

export function resultFileBase(result: RunResult, outDir: string): string {
  return path.join(
    outDir,
    `${result.runId}-${result.scenario}${result.label ? `-${result.label.replace(/[^\w.=-]+/g, '_')}` : ''}`,
  );
}

function bestStep(phases: RunResult['phases']): RunResult['sweep'] {
  const ok = phases.filter((p) => p.verdict?.sustainable);
  const best = ok.sort((a, b) => b.completedPerSec - a.completedPerSec)[0];
  return {
    highestSustainableRate: best?.targetRate ?? null,
    highestSustainableCompletedPerSec: best?.completedPerSec ?? null,
    highestSustainableTerminalPerSec: best?.terminalPerSec ?? null,
  };
}

function firstRate(spec: ScenarioSpec): number {
  return spec.planner([])?.rate ?? spec.options.rate;
}

function fixtureCounts(f: Fixtures): RunResult['fixtures'] {
  return {
    products: f.stocked.length,
    soldOutProducts: f.soldOut.length,
    users: f.richUsers.length,
    poorUsers: f.poorUsers.length,
    coupons: f.coupons.length,
    grants: [...f.grants.values()].reduce((a, g) => a + g.length, 0),
  };
}
