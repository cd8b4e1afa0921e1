// Child processes of the harness (server and engines): forked with tsx, output to a log file,
// messages parsed on arrival, and a way to wait for a message instead of sleeping.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child<In, Out> {
  readonly pid: number;
  send(message: In): void;
  onMessage(listener: (message: Out) => void): void;
  /** The first message (from now on) that `match` accepts; rejects if the process exits first. */
  next<T extends Out>(match: (message: Out) => message is T): Promise<T>;
  readonly exited: Promise<Exit>;
  readonly alive: boolean;
  /** kill -9. */
  kill(): void;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Forks `entry` (a .ts file next to this one) under tsx. */
export function forkChild<In, Out>(options: {
  entry: string;
  env: Record<string, string>;
  logFile: string;
  parse: (raw: unknown) => Out;
}): Child<In, Out> {
  const log = openSync(options.logFile, 'a');
  const child: ChildProcess = fork(fileURLToPath(new URL(options.entry, import.meta.url)), [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${options.entry}`);
  const pid = child.pid;
  const listeners = new Set<(message: Out) => void>();
  let alive = true;
  const exited = new Promise<Exit>((resolve) => {
    // 'close', not 'exit': by then the IPC channel is drained, so no message arrives after it.
    child.once('close', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  child.on('message', (raw: unknown) => {
    const message = options.parse(raw);
    for (const listener of [...listeners]) listener(message);
  });
  // A send racing the child's death fails with EPIPE/ERR_IPC_CHANNEL_CLOSED; the exit says the rest.
  child.on('error', () => {});

  return {
    pid,
    get alive() {
      return alive;
    },
    send: (message) => {
      if (alive && child.connected) child.send(message as object);
    },
    onMessage: (listener) => void listeners.add(listener),
    next: <T extends Out>(match: (message: Out) => message is T) =>
      new Promise<T>((resolve, reject) => {
        const listener = (message: Out) => {
          if (!match(message)) return;
          listeners.delete(listener);
          resolve(message);
        };
        listeners.add(listener);
        void exited.then((exit) => {
          if (!listeners.delete(listener)) return;
          reject(new Error(`${options.entry} exited (${exit.signal ?? exit.code}) before the expected message`));
        });
      }),
    exited,
    kill: () => {
      if (alive) child.kill('SIGKILL');
    },
  };
}
