import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Sql } from './db/sql';
import { createRequestHandler } from './http/routes';
import type { ServerFaults } from './socket/faults';
import { installSync, pokeFor } from './socket/sync';

interface StartServerOptions {
  sql: Sql;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  clock?: () => number;
  tokenTtlMs?: number;
  version: string;
  log?: (error: unknown) => void;
  /** Test-only fault injection (see socket/faults.ts); never set outside tests. */
  faults?: ServerFaults;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** One node:http server carrying the HTTP routes and socket.io on the same port. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((error: unknown) => console.error(error));
  let io: Server | null = null;

  const http = createServer(
    createRequestHandler({
      sql: options.sql,
      version: options.version,
      clock,
      tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
      poke: (changes) => {
        if (io) pokeFor(io, changes);
      },
      log,
    }),
  );
  // Catch-up is the change log's job (sync:pull), never socket.io's connectionStateRecovery.
  io = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6 });
  installSync(io, { sql: options.sql, clock, log, faults: options.faults });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const server = io;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      // io.close() disconnects the sockets, then closes the http server; drop lingering keep-alives.
      const done = server.close();
      setImmediate(() => http.closeAllConnections());
      await done;
    },
  };
}
