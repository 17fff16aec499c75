import { COMPONENTS, DEV_ENV, type ComponentName } from './config';
import { NATIVE_COMPONENTS } from './components';
import { compose } from './docker';
import { pruneTestLeftovers } from './provision/test-leftovers';
import { createCatalogTopics } from './provision/topics';
import { down, readMode, status, tail, up } from './runner';

const USAGE = `usage: pnpm infra <command>
  up [component...]   start ${COMPONENTS.join(', ')} (native, or docker compose when a Docker engine answers)
  down                stop what \`up\` started in this checkout
  status              health of each component (exit 1 if any is down)
  logs [component]    last lines of a component's log
  topics              create the catalog topics on KAFKA_BROKERS, named <KAFKA_TOPIC_PREFIX><topic> when it is set
                      (used by docker-compose's kafka-init)
  prune-tests [minutes]
                      delete the topics and consumer groups integration tests and bench runs left on KAFKA_BROKERS,
                      older than [minutes] (default 60); a long-lived dev broker slows down as they pile up`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'up': {
      const mode = await up(args.length > 0 ? parseComponents(args) : COMPONENTS);
      process.stdout.write(`infra up (${mode})\n${endpoints()}\n`);
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'status': {
      const rows = await status();
      for (const row of rows) {
        const state = row.healthy ? 'healthy' : 'down';
        process.stdout.write(`${row.name.padEnd(9)} ${state.padEnd(8)} ${row.startedHere ? 'started here' : ''}\n`);
      }
      return rows.every((row) => row.healthy) ? 0 : 1;
    }
    case 'logs': {
      const names = args.length > 0 ? parseComponents(args) : COMPONENTS;
      if (readMode() === 'docker') {
        process.stdout.write(await compose(['logs', '--tail', '200', ...names]));
        return 0;
      }
      for (const name of names) {
        process.stdout.write(
          `==> ${name}: ${NATIVE_COMPONENTS[name].logFile}\n${tail(NATIVE_COMPONENTS[name].logFile, 200)}\n`,
        );
      }
      return 0;
    }
    case 'topics': {
      const brokers = (process.env.KAFKA_BROKERS ?? DEV_ENV.KAFKA_BROKERS).split(',');
      const { created, total } = await createCatalogTopics(brokers);
      process.stdout.write(`topics: ${created.length} created, ${total} in catalog\n`);
      return 0;
    }
    case 'prune-tests': {
      const brokers = (process.env.KAFKA_BROKERS ?? DEV_ENV.KAFKA_BROKERS).split(',');
      const minutes = args[0] === undefined ? 60 : Number(args[0]);
      if (!Number.isFinite(minutes) || minutes < 0)
        throw new Error(`prune-tests: minutes must be a number, got ${args[0]}`);
      const pruned = await pruneTestLeftovers(brokers, minutes * 60_000);
      process.stdout.write(
        `pruned ${pruned.topics} topics and ${pruned.groups} consumer groups older than ${minutes} min\n`,
      );
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

function parseComponents(args: string[]): ComponentName[] {
  for (const arg of args) {
    if (!(COMPONENTS as readonly string[]).includes(arg))
      throw new Error(`unknown component ${arg}; one of ${COMPONENTS.join(', ')}`);
  }
  return args as ComponentName[];
}

function endpoints(): string {
  return Object.entries(DEV_ENV)
    .map(([name, value]) => `  ${name}=${value}`)
    .join('\n');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`infra: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
