// A TCP proxy on loopback between the engines and the server, so the harness can partition the network.
import { createServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export type PartitionMode = 'reset' | 'blackhole';

export interface ChaosProxy {
  readonly url: string;
  /** Starts a partition: see Fault in schedule.ts for the modes. */
  cut(mode: PartitionMode): void;
  /** Ends it: new connections go through again (a blackhole's connections are reset, their streams are broken). */
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
}

/** `target` says where the server listens now (it moves to a new port on every restart); null while it is down. */
export async function startProxy(target: () => number | null): Promise<ChaosProxy> {
  const pairs = new Set<Pair>();
  let partition: PartitionMode | null = null;

  const server = createServer((client) => {
    const port = target();
    if (partition === 'reset' || port === null) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ port, host: '127.0.0.1' });
    const pair: Pair = { client, upstream };
    pairs.add(pair);
    // Small socket.io frames: without this, Nagle plus delayed ACKs add 40 ms to many round trips.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    forward(client, upstream, () => partition === 'blackhole');
    forward(upstream, client, () => partition === 'blackhole');
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const resetAll = () => {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.upstream.resetAndDestroy();
    }
  };

  return {
    url: `http://127.0.0.1:${port}`,
    cut(mode) {
      partition = mode;
      if (mode === 'reset') resetAll();
    },
    heal() {
      // Bytes were dropped mid-stream: what is left of these connections cannot be parsed any more.
      if (partition === 'blackhole') resetAll();
      partition = null;
    },
    close() {
      resetAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Copies `from` to `to` with backpressure, dropping the bytes while `dropping()` says so. */
function forward(from: Socket, to: Socket, dropping: () => boolean): void {
  from.on('data', (chunk: Buffer) => {
    if (dropping() || to.destroyed) return;
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  });
}
