import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path of the canonical Prisma block every service schema must contain verbatim. */
export const OUTBOX_MODELS_PATH = join(__dirname, '..', '..', 'prisma', 'outbox-models.prisma');
/** Path of the SQL that creates the same tables plus the relay's partial index. */
export const OUTBOX_SQL_PATH = join(__dirname, '..', '..', 'sql', 'outbox.sql');

export function readOutboxModels(): string {
  return readFileSync(OUTBOX_MODELS_PATH, 'utf8');
}

export function readOutboxSql(): string {
  return readFileSync(OUTBOX_SQL_PATH, 'utf8');
}

export interface SchemaCheckResult {
  ok: boolean;
  /** Canonical models missing from the schema or differing from the canonical text. */
  problems: string[];
}

/**
 * Checks that a service's schema.prisma contains the canonical OutboxMessage and ProcessedMessage
 * models. Whitespace runs are normalised so formatting by `prisma format` does not matter, but every
 * field, attribute and mapping must match.
 */
export function checkOutboxModels(schemaText: string, canonical: string = readOutboxModels()): SchemaCheckResult {
  const problems: string[] = [];
  const actualModels = modelsByName(schemaText);
  for (const [name, expected] of modelsByName(canonical)) {
    const actual = actualModels.get(name);
    if (actual === undefined) problems.push(`model ${name} is missing`);
    else if (actual !== expected) problems.push(`model ${name} differs from libs/outbox/prisma/outbox-models.prisma`);
  }
  return { ok: problems.length === 0, problems };
}

function modelsByName(text: string): Map<string, string> {
  const models = new Map<string, string>();
  const withoutComments = text.replace(/\/\/.*$/gm, '');
  for (const match of withoutComments.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)) {
    const body = match[2]
      .split('\n')
      .map((line) => line.trim().replace(/\s+/g, ' '))
      .filter((line) => line.length > 0)
      .join('\n');
    models.set(match[1], body);
  }
  return models;
}
