import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoizeRelativeRequires } from './require-memo';

describe('memoizeRelativeRequires', () => {
  const prototype = Module.prototype as unknown as { require: (this: Module, id: string) => unknown };
  let dir: string;
  let original: typeof prototype.require;
  const seen: string[] = [];
  /** require() as the module at `filename` calls it (jest's own createRequire bypasses Module.prototype). */
  const requireFrom = (filename: string) => {
    const parent = new Module(filename);
    parent.filename = filename;
    return (id: string) => prototype.require.call(parent, id);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'require-memo-'));
    writeFileSync(join(dir, 'encoder.js'), 'module.exports = { encode: () => 42 };');
    writeFileSync(join(dir, 'other.js'), 'module.exports = { other: true };');
    original = prototype.require;
    // stands in for require-in-the-middle: records every call that reaches it
    prototype.require = function (this: Module, id: string) {
      seen.push(id);
      return original.call(this, id);
    };
    seen.length = 0;
  });
  afterEach(() => {
    prototype.require = original;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a relative require of an accepted file from the map after the first one, the same exports', () => {
    const uninstall = memoizeRelativeRequires((parent) => parent.startsWith(dir));
    const requireFromDir = requireFrom(join(dir, 'index.js'));
    const first = requireFromDir('./encoder');
    const second = requireFromDir('./encoder');
    expect(second).toBe(first);
    expect(seen).toEqual(['./encoder']);
    uninstall();
    expect(requireFromDir('./encoder')).toBe(first);
    expect(seen).toEqual(['./encoder', './encoder']);
  });

  it('passes other files and bare names through to the hook every time', () => {
    const uninstall = memoizeRelativeRequires((parent) => parent.endsWith('accepted.js'));
    const requireFromDir = requireFrom(join(dir, 'index.js'));
    requireFromDir('./other');
    requireFromDir('./other');
    requireFromDir('node:path');
    expect(seen).toEqual(['./other', './other', 'node:path']);
    uninstall();
  });
});
