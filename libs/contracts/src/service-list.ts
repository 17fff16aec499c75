import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const ServiceEntry = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  port: z.number().int().min(1).max(65_535),
  database: z.string().regex(/^[a-z][a-z0-9_]*$/),
  redis: z.boolean(),
  saga: z.boolean(),
});
export type ServiceEntry = z.infer<typeof ServiceEntry>;

const ServiceList = z.object({ services: z.array(ServiceEntry).min(1) }).superRefine(({ services }, ctx) => {
  for (const key of ['name', 'port', 'database'] as const) {
    const seen = services.map((s) => s[key]);
    const twice = seen.filter((value, i) => seen.indexOf(value) !== i);
    if (twice.length > 0) ctx.addIssue({ code: 'custom', message: `${key} used twice: ${twice.join(', ')}` });
  }
});

/** services.json at the repository root (same depth from src/ and dist/). */
export const SERVICE_LIST_FILE = join(__dirname, '..', '..', '..', 'services.json');

/** The one list of services (name, port, database, ...), validated; read by infra, tests and the bench. */
export function serviceList(file = SERVICE_LIST_FILE): ServiceEntry[] {
  const parsed = ServiceList.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid ${file}:\n${problems}`);
  }
  return parsed.data.services;
}
