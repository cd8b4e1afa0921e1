// The central server as a child process of the harness, on the run's PostgreSQL database, with a
// fault hook that kills this process right after an action committed and before its ack is sent.
// Environment: CHAOS_DATABASE_URL, CHAOS_MARKER_FILE (one CommitKillMarker line per such kill).
import { appendFileSync } from 'node:fs';
import { startServer } from '../../server/app';
import { openDatabase } from '../../server/db/open';
import type { ServerFaults } from '../../server/socket/faults';
import { FromServer, ToServer } from './messages';
import type { CommitKillMarker } from './messages';

const databaseUrl = requiredEnv('CHAOS_DATABASE_URL');
const markerFile = requiredEnv('CHAOS_MARKER_FILE');
const log = (error: unknown) => console.error('[chaos server]', error);

/** Newly stored actions still to let through before dying; null when not armed. */
let armed: number | null = null;

const faults: ServerFaults = {
  afterActionStored: (stored) => {
    // A repeat wrote nothing; dying there would test nothing new.
    if (armed === null || stored.repeated) return 'ack';
    if (armed > 0) {
      armed--;
      return 'ack';
    }
    // Written synchronously: the harness reads it after this process is gone. The page cache
    // outlives a kill -9 of the writer, so no fsync is needed.
    const marker: CommitKillMarker = { actionId: stored.request.id, at: Date.now() };
    appendFileSync(markerFile, `${JSON.stringify(marker)}\n`);
    process.kill(process.pid, 'SIGKILL');
    return 'drop-ack';
  },
};

async function main(): Promise<void> {
  // dataDir is unused with a databaseUrl; migrations run on every start, as in production.
  const sql = await openDatabase({ dataDir: '.', databaseUrl, log });
  const server = await startServer({ sql, port: 0, version: 'chaos', faults, log });
  process.on('message', (raw: unknown) => {
    const message = ToServer.parse(raw);
    armed = message.type === 'arm' ? message.skip : null;
  });
  // The harness is gone (crashed or killed): do not linger as an orphan holding the database.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: server.port });
}

function send(message: FromServer): void {
  process.send?.(FromServer.parse(message));
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

main().catch((error: unknown) => {
  log(error);
  process.exit(1);
});
