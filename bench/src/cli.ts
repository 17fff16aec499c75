import { loadBenchEnv } from './config/env';
import { compareResults } from './report/compare';
import { LoadOptions, parseArgs, parseOptions, SweepOptions } from './scenarios/options';
import { runScenario } from './scenarios/run-scenario';
import { fixedScenario, sweepScenario } from './scenarios/scenarios';
import { runVariants } from './scenarios/variant-runs';

const USAGE = `usage: pnpm bench <scenario> [options]   (details: bench/README.md)
scenarios:
  fixed        one fixed rate for latency           --rate 50 --duration 60
  sweep        increasing rates, highest sustainable --start 50 --step 50 --max 500 --step-duration 45
  hot-product  every checkout on one product         --rate 50 --duration 60
  tracing      TRACING_ENABLED true vs false         [--restart | --value true|false] + fixed options
  relay        OUTBOX_NOTIFY true vs false           [--restart | --value true|false] + fixed options
  compare      two result files side by side         <a.json> <b.json>
common: --warmup 5 --terminal-timeout 30 --products 100 --coupon-share 0.5 --out-of-stock-share 0.1
        --insufficient-share 0.1 --max-grants 40000 --connections 64 --lag-interval 2 --seed N --label X --out bench/results`;

async function main(): Promise<void> {
  const { positionals, flags } = parseArgs(process.argv.slice(2));
  const [scenario, ...rest] = positionals;
  const log = (m: string) => console.log(m);
  const env = loadBenchEnv();
  const { restart: _restart, value: _value, ...loadFlags } = flags;
  switch (scenario) {
    case 'fixed':
      await runScenario(env, fixedScenario('fixed', parseOptions(LoadOptions, loadFlags)), log);
      break;
    case 'hot-product':
      await runScenario(env, fixedScenario('hot-product', parseOptions(LoadOptions, loadFlags), true), log);
      break;
    case 'sweep':
      await runScenario(env, sweepScenario(parseOptions(SweepOptions, loadFlags)), log);
      break;
    case 'tracing':
    case 'relay':
      await runVariants(env, scenario, parseOptions(LoadOptions, loadFlags), flags, log);
      break;
    case 'compare':
      if (rest.length !== 2) throw new Error('compare needs two result files');
      await compareResults(rest[0], rest[1], parseOptions(LoadOptions, loadFlags).out, log);
      break;
    default:
      console.log(USAGE);
      process.exitCode = scenario ? 2 : 0;
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exitCode = 1;
});
