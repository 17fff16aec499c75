import { z } from 'zod';
import { baseEnvProblems } from './base-env';

export type EnvSource = Record<string, string | undefined>;

export class EnvValidationError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'EnvValidationError';
  }
}

/** Parses the env or throws `EnvValidationError` listing every `VAR: problem`. Empty strings count as unset. */
export function parseEnv<S extends z.ZodType>(schema: S, source: EnvSource = process.env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvValidationError(
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
  const problems = baseEnvProblems(result.data as Record<string, unknown>);
  if (problems.length > 0) throw new EnvValidationError(problems);
  return result.data;
}

/** Startup variant: prints the readable problem list to stderr and exits(1). */
export function loadEnv<S extends z.ZodType>(schema: S, source: EnvSource = process.env): z.infer<S> {
  try {
    return parseEnv(schema, source);
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
