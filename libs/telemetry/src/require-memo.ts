import Module from 'node:module';
import { dirname } from 'node:path';

type Require = (this: Module, id: string) => unknown;

/**
 * Answers the relative require() calls made by the files `isMemoized` accepts from a map after their
 * first answer. The instrumentations' require hook (require-in-the-middle) resolves the file name of
 * every require() call to see whether it names an instrumented module, and kafkajs requires its
 * request encoders inside every request (`require('./v3/request')` in each API call): in a CPU profile
 * of the order service at 20/s the hook's resolving was 2.6 % of its busy time. A relative path from
 * one directory always names the same, already loaded file, so the map changes no answer. Install it
 * after the hook; returns the function that removes it.
 */
export function memoizeRelativeRequires(isMemoized: (parentFilename: string) => boolean): () => void {
  const prototype = Module.prototype as unknown as { require: Require };
  const next = prototype.require;
  const answers = new Map<string, unknown>();
  const memoized: Require = function (this: Module, id: string) {
    if (!id.startsWith('.') || !this.filename || !isMemoized(this.filename)) return next.call(this, id);
    const key = `${dirname(this.filename)}\0${id}`;
    if (answers.has(key)) return answers.get(key);
    const exported = next.call(this, id);
    answers.set(key, exported);
    return exported;
  };
  prototype.require = memoized;
  return () => {
    if (prototype.require === memoized) prototype.require = next;
  };
}
