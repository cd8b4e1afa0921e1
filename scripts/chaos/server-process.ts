// The harness's handle on the server child: start, kill -9, arm the commit-ack kill, restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forkChild } from './children';
import type { Child, Exit } from './children';
import { CommitKillMarker, FromServer } from './messages';
import type { ToServer } from './messages';

export interface ServerProcess {
  /** Where it listens now; null while it is down. */
  port(): number | null;
  start(): Promise<void>;
  /** kill -9 from outside; resolves once it is gone. */
  kill(): Promise<void>;
  arm(skip: number): void;
  disarm(): void;
  /** Resolves when the current server process exits, whoever caused it. */
  exited(): Promise<Exit>;
  /** Lines the server wrote just before killing itself between a commit and its ack. */
  commitKills(): CommitKillMarker[];
  /** Called when the server dies without the harness having asked for it. */
  onUnexpectedExit(listener: (exit: Exit) => void): void;
  /** Whether the next exit is one the harness caused or armed (then it is not unexpected). */
  expectExit(): void;
  /** kill -9 for good (no start after this): the end of the run. */
  shutdown(): Promise<void>;
}

export function createServerProcess(options: { workDir: string; databaseUrl: string }): ServerProcess {
  const markerFile = join(options.workDir, 'commit-kills.jsonl');
  const logFile = join(options.workDir, 'server.log');
  let child: Child<ToServer, FromServer> | null = null;
  let port: number | null = null;
  let expected = false;
  let shutDown = false;
  let unexpected: (exit: Exit) => void = () => {};

  const current = () => {
    if (!child) throw new Error('the server is not running');
    return child;
  };

  return {
    port: () => port,
    async start() {
      if (shutDown) throw new Error('the server was shut down');
      if (child?.alive) throw new Error('the server is already running');
      const started = forkChild<ToServer, FromServer>({
        entry: './server-child.ts',
        env: { CHAOS_DATABASE_URL: options.databaseUrl, CHAOS_MARKER_FILE: markerFile },
        logFile,
        parse: (raw) => FromServer.parse(raw),
      });
      child = started;
      expected = false;
      void started.exited.then((exit) => {
        if (child !== started) return;
        port = null;
        if (!expected) unexpected(exit);
      });
      const ready = await started.next((message): message is FromServer => message.type === 'ready');
      port = ready.port;
    },
    async kill() {
      const running = current();
      expected = true;
      port = null;
      running.kill();
      await running.exited;
    },
    arm: (skip) => current().send({ type: 'arm', skip }),
    disarm: () => current().send({ type: 'disarm' }),
    exited: () => current().exited,
    expectExit: () => {
      expected = true;
    },
    commitKills: () => {
      let text: string;
      try {
        text = readFileSync(markerFile, 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => CommitKillMarker.parse(JSON.parse(line)));
    },
    onUnexpectedExit: (listener) => {
      unexpected = listener;
    },
    async shutdown() {
      shutDown = true;
      expected = true;
      port = null;
      child?.kill();
      await child?.exited;
    },
  };
}
