// The baseline for action → ack: a bare socket.io echo whose handler commits one row, on the
// same PostgreSQL database as the server under test, served from a child process as that
// server is (echo-server.ts).
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import type { SocketFactory } from '../../electron/services/sync/socket';

/** Round-trip milliseconds of `runs` sequential echoes, each committing one insert before the ack. */
export async function echoWithCommit(databaseUrl: string, runs: number): Promise<number[]> {
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
  const samples: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    const start = process.hrtime.bigint();
    await socket.emitWithAck('echo', { id: `echo-${i}`, body: 'Your parcel left the depot this morning.' });
    if (i >= 20) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    // Paced as the actions are (run.ts).
    await sleep(5);
  }
  socket.close();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return samples;
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
