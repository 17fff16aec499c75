import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ServiceName } from './api-client';

const repoRoot = join(__dirname, '..', '..');

/**
 * One built service (`node services/<name>/dist/main.js`) as a real OS process that the suite can
 * SIGKILL and start again with the same environment. Output goes to a log file per service.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private log: WriteStream | null = null;

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    readonly logPath: string,
  ) {}

  start(): void {
    if (this.child) throw new Error(`${this.name} is already running`);
    this.log = createWriteStream(this.logPath, { flags: 'a' });
    this.log.write(`\n--- start ${new Date().toISOString()} ---\n`);
    const child = spawn(process.execPath, [join(repoRoot, 'services', this.name, 'dist', 'main.js')], {
      cwd: join(repoRoot, 'services', this.name),
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` and waits for the process to be gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15000): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (this.running) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.child = null;
    this.log?.write(`--- stopped with ${signal} ${new Date().toISOString()} ---\n`);
    this.log?.end();
    this.log = null;
  }
}
