declare module 'pg/lib/utils' {
  /** node-postgres' own text form of a parameter (a Date in local time with its offset, as it sends one). */
  export function prepareValue(value: unknown): string | null;
}
