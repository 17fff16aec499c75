import { join } from 'node:path';
import { faultTable, invariantTable } from './report';
import { runFaultSuite, SuiteOptions } from './suite';
import { REPO_ROOT } from './support';

const USAGE = `usage: pnpm faults [--full|--quick] [--instances 1|2] [--rate N] [--only TEXT] [--tracing] [--port-offset N]
  --full          every fault of the catalog for the instance count (default)
  --quick         the CI subset (a participant SIGKILL + restart, Redis FLUSHALL)
  --instances 2   two instances per service and the relay-leader faults
  --rate N        checkouts per second (default 8)
  --only TEXT     only faults whose name contains TEXT
  --tracing       send traces to the shared dev Jaeger (default: tracing off)
  --port-offset N infra ports = dev ports + N (default 200: Kafka 9292, PostgreSQL 5633, Redis 6580)`;

function parse(argv: string[]): SuiteOptions {
  const options: SuiteOptions = {
    mode: 'full',
    instances: 1,
    ratePerSec: 8,
    portOffset: 200,
    tracing: false,
    resultsDir: join(REPO_ROOT, 'test', 'faults', 'results'),
    baselineSec: 20,
    minSettleSec: 15,
    maxSettleSec: 90,
    log: (message) => process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${message}\n`),
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value\n${USAGE}`);
      return v;
    };
    switch (argv[i]) {
      case '--full':
        options.mode = 'full';
        break;
      case '--quick':
        options.mode = 'quick';
        options.baselineSec = 15;
        options.maxSettleSec = 45;
        break;
      case '--instances': {
        const n = Number(value());
        if (n !== 1 && n !== 2) throw new Error('--instances is 1 or 2');
        options.instances = n;
        break;
      }
      case '--rate':
        options.ratePerSec = Number(value());
        break;
      case '--only':
        options.only = value();
        break;
      case '--tracing':
        options.tracing = true;
        break;
      case '--port-offset':
        options.portOffset = Number(value());
        break;
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
      // falls through (process.exit does not return)
      default:
        throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    }
  }
  if (!(options.ratePerSec > 0)) throw new Error('--rate must be positive');
  return options;
}

async function main(): Promise<number> {
  const { result, files } = await runFaultSuite(parse(process.argv.slice(2)));
  process.stdout.write(
    `\n${faultTable(result)}\n\n${invariantTable(result)}\n\nwritten: ${files.md}\n         ${files.json}\n`,
  );
  return result.invariants.every((i) => i.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`faults: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
