import { z } from 'zod';

const num = (d: number) => z.coerce.number().positive().default(d);
const share = (d: number) => z.coerce.number().min(0).max(1).default(d);

/** Options every load scenario accepts (`--rate 50 --duration 60 ...`). */
export const LoadOptions = z.object({
  rate: num(50),
  duration: num(60),
  warmup: z.coerce.number().min(0).default(5),
  /** an accepted saga not terminal this many seconds after its 202 counts as a timeout */
  terminalTimeout: num(30),
  products: z.coerce.number().int().positive().default(100),
  outOfStockShare: share(0.1),
  insufficientShare: share(0.1),
  couponShare: share(0.5),
  maxGrants: z.coerce.number().int().min(0).default(40000),
  connections: z.coerce.number().int().positive().default(64),
  lagInterval: num(2),
  seed: z.coerce
    .number()
    .int()
    .default(() => Math.floor(Math.random() * 2 ** 31)),
  label: z.string().default(''),
  out: z.string().default('bench/results'),
});
export type LoadOptions = z.infer<typeof LoadOptions>;

export const SweepOptions = LoadOptions.extend({
  start: num(50),
  step: num(50),
  max: num(500),
  stepDuration: num(45),
  /** consecutive unsustainable steps before the sweep stops */
  stopAfter: z.coerce.number().int().positive().default(1),
});
export type SweepOptions = z.infer<typeof SweepOptions>;

/** `--some-flag value` -> { someFlag: 'value' }; bare `--flag` -> 'true'; the rest are positionals. */
export function parseArgs(argv: string[]): { positionals: string[]; flags: Record<string, string> } {
  const positionals: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [rawKey, inline] = arg.slice(2).split('=', 2);
    const key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (inline !== undefined) flags[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) flags[key] = argv[++i];
    else flags[key] = 'true';
  }
  return { positionals, flags };
}

export function parseOptions<S extends z.ZodType>(schema: S, flags: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(flags);
  if (!parsed.success) {
    throw new Error(
      `invalid options: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
