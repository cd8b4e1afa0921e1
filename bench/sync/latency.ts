// The baseline for action → ack: a bare socket.io echo whose handler commits one row, on the
// same PostgreSQL database as the server under test, served from a child process as that
// server is (echo-server.ts). run.ts takes one echo after each action, so that both see the
// machine in the same state.
import { spawn } from 'node:child_process';
import { io } from 'socket.io-client';
import type { SocketFactory } from '../../electron/services/sync/socket';

export interface Echo {
  /** One echo, committing one insert before its ack: its round trip in milliseconds. */
  once(): Promise<number>;
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
  const socket = io(url, { transports: ['websocket'] });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let sent = 0;
  return {
    once: async () => {
      const start = process.hrtime.bigint();
      await socket.emitWithAck('echo', { id: `echo-${++sent}`, body: 'Your parcel left the depot this morning.' });
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

/** The engine's own socket, timing each request from send to answer, by event name. */
export function timedSockets(inner: SocketFactory, samples: Map<string, number[]>): SocketFactory {
  return (url, options) => {
    const socket = inner(url, options);
    return Object.assign(Object.create(socket) as typeof socket, {
      request: async (name: string, payload: unknown, timeoutMs: number) => {
        const start = process.hrtime.bigint();
        const answer = await socket.request(name, payload, timeoutMs);
        const list = samples.get(name) ?? [];
        list.push(Number(process.hrtime.bigint() - start) / 1e6);
        samples.set(name, list);
        return answer;
      },
    });
  };
}
