// A benchmark's helper process: started with tsx, ready once it prints the line `pattern` matches
// (its first capture is returned), stopped with SIGTERM.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface Child {
  /** The first capture of `pattern` in the child's output. */
  found: string;
  stop(): Promise<void>;
}

export async function startChild(
  script: string,
  args: string[],
  pattern: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const found = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
  return {
    found,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
