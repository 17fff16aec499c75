import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

/** Runs a command to completion; output goes to logFile (if given) and is kept for the error message. */
export function run(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile?: string; input?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = opts.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (opts.logFile) appendFileSync(opts.logFile, chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`));
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

export async function commandExists(command: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}
