// The baseline for action → ack: the same socket.io client the engine uses (connectSocketIo, its
// request with timeout) sending the same payload as an action — `{ id, action }` — with one emit
// and its ack, to a child process (as the server is) whose handler runs one database statement
// of the same shape as the server's on the same PostgreSQL database (echo-server.ts). run.ts
// takes one echo after each action, so that both see the machine in the same state.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Change } from '../../shared/sync';
import { PullAck, SYNC_PROTOCOL_VERSION } from '../../shared/sync';
import { connectSocketIo } from '../../electron/services/sync/socket';
import type { SocketFactory } from '../../electron/services/sync/socket';

/** The two action types the benchmark makes, as the rep gives them (the engine adds `seenAssigneeId`). */
export type BenchAction =
  | { type: 'tag'; conversationId: string; tag: string; on: boolean }
  | { type: 'note'; conversationId: string; body: string };

export interface Echo {
  /** One echo of `action`: its round trip in milliseconds, from send to ack. */
  once(action: BenchAction): Promise<number>;
  close(): Promise<void>;
}

export async function startEcho(databaseUrl: string): Promise<Echo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sync/echo-server.ts', databaseUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /echo listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the echo server exited (${code}) before listening`)));
  });
  // The echo server reads no handshake; the engine's client sends one, so this one does too.
  const socket = connectSocketIo(url, { auth: { token: 'bench-echo', protocol: SYNC_PROTOCOL_VERSION } });
  const connected = new Promise<void>((resolve) => socket.onConnect(resolve));
  socket.connect();
  await connected;
  return {
    once: async (action) => {
      const start = process.hrtime.bigint();
      const payload = { id: randomUUID(), action: { ...action, seenAssigneeId: null } };
      const answer = (await socket.request('echo', payload, 60_000)) as { ok?: boolean };
      if (answer.ok !== true) throw new Error(`the echo failed: ${JSON.stringify(answer)}`);
      return Number(process.hrtime.bigint() - start) / 1e6;
    },
    close: async () => {
      socket.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface SocketRecorder {
  /** Each request's milliseconds from send to answer, by event name. */
  samples: Map<string, number[]>;
  /** Every pull's answer as the engine received it, in order (parsed only afterwards: no work added to the catch-up). */
  pulls: unknown[];
}

/** The changes of every page the engine pulled, in order: what its catch-up wrote from. */
export function pulledPages(recorder: SocketRecorder): Change[][] {
  return recorder.pulls.flatMap((answer) => {
    const page = PullAck.safeParse(answer);
    return page.success && page.data.ok ? [page.data.value.changes] : [];
  });
}

/** The engine's own socket, timing each request and keeping the pages its pulls answered. */
export function recordingSockets(inner: SocketFactory, recorder: SocketRecorder): SocketFactory {
  return (url, options) => {
    const socket = inner(url, options);
    return Object.assign(Object.create(socket) as typeof socket, {
      request: async (name: string, payload: unknown, timeoutMs: number) => {
        const start = process.hrtime.bigint();
        const answer = await socket.request(name, payload, timeoutMs);
        const list = recorder.samples.get(name) ?? [];
        list.push(Number(process.hrtime.bigint() - start) / 1e6);
        recorder.samples.set(name, list);
        if (name === 'sync:pull') recorder.pulls.push(answer);
        return answer;
      },
    });
  };
}
