import { randomBytes } from 'node:crypto';

/** Short, collision-safe across parallel runs, and valid as a topic, group or database name. */
export function uniqueId(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
