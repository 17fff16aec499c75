import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.SAGA_LOCAL_DIR = mkdtempSync(join(tmpdir(), 'saga-local-'));
// Loaded after SAGA_LOCAL_DIR is set, so pid files go to the temporary directory.
const { forgetPid, isAlive, ownedPid, recordPid, spawnDetached, terminate } =
  jest.requireActual<typeof import('./processes')>('./processes');

describe('pid ownership (what `infra down` may stop)', () => {
  it('recognises its own process, refuses a reused pid, and forgets a stopped one', async () => {
    const marker = `saga-test-${process.pid}`;
    const logFile = join(process.env.SAGA_LOCAL_DIR!, 'sleep.log');
    const pid = spawnDetached('sh', ['-c', `sleep 30 # ${marker}`], { logFile });
    recordPid('probe', pid);

    expect(ownedPid('probe', marker)).toBe(pid);
    expect(ownedPid('probe', 'another-process-command-line')).toBeUndefined();

    await terminate(pid, 5000);
    expect(isAlive(pid)).toBe(false);
    expect(ownedPid('probe', marker)).toBeUndefined();
    forgetPid('probe');
  });

  it('never claims a component it has no pid file for', () => {
    expect(ownedPid('never-started', 'anything')).toBeUndefined();
  });
});
