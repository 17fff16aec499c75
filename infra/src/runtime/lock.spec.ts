import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFileLock } from './lock';
import { sleep } from './wait';

const lockFile = () => join(mkdtempSync(join(tmpdir(), 'saga-lock-')), 'x.lock');

describe('withFileLock', () => {
  it('serialises concurrent callers', async () => {
    const file = lockFile();
    const events: string[] = [];
    const worker = (name: string) =>
      withFileLock(file, async () => {
        events.push(`${name}:in`);
        await sleep(50);
        events.push(`${name}:out`);
      });
    await Promise.all([worker('a'), worker('b')]);
    expect(events).toHaveLength(4);
    expect(events[0].split(':')[0]).toBe(events[1].split(':')[0]);
    expect(events[2].split(':')[0]).toBe(events[3].split(':')[0]);
    expect(existsSync(file)).toBe(false);
  });

  it('takes over a lock whose owner died', async () => {
    const file = lockFile();
    writeFileSync(file, '999999999');
    await expect(withFileLock(file, async () => 'ran', 2000)).resolves.toBe('ran');
  });

  it('releases the lock when the work fails', async () => {
    const file = lockFile();
    await expect(withFileLock(file, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(file)).toBe(false);
  });
});
