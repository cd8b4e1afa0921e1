// WAL checkpoints on a thread of their own: the fsyncs a checkpoint needs (tens of milliseconds on
// a busy disk) must not stall the thread that serves the UI, which a long catch-up did every few
// thousand changes.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open';

/** SQLite's own default: a checkpoint once the WAL holds this many pages. */
const SQLITE_AUTOCHECKPOINT = 1000;

// Plain CommonJS run with `eval`, so that it needs no build step of its own in any host (tests,
// the browser host, the packaged app). PASSIVE never waits for, nor blocks, a reader or a writer;
// TRUNCATE (asked for after deletions) waits up to the busy timeout for them, then empties the WAL.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 5000');
const checkpoint = (mode = 'PASSIVE') => {
  try {
    return db.pragma('wal_checkpoint(' + mode + ')')[0];
  } catch (error) {
    parentPort.postMessage({ failed: String(error) });
    return null;
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return parentPort.postMessage({ done: checkpoint(message === 'truncate' ? 'TRUNCATE' : 'PASSIVE') });
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
`;

/** SQLite's answer to a checkpoint: WAL frames in the log, and how many of them are now in the database. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

interface WorkerMessage {
  ready?: true;
  done?: CheckpointResult | null;
  failed?: string;
}

export interface Checkpointer {
  /** Resolves once the worker has its connection and `db` has stopped checkpointing itself. */
  readonly ready: Promise<void>;
  /**
   * Much was just written: checkpoint now rather than at the next interval. `truncate` (after
   * deletions) also empties the WAL file, so no frame keeps removed text. Null if it failed or stopped.
   */
  checkpoint(mode?: 'passive' | 'truncate'): Promise<CheckpointResult | null>;
  /** Stops the worker; `db` checkpoints on its own commits again. */
  close(): Promise<void>;
}

interface CheckpointerOptions {
  /** better-sqlite3 built for another runtime (the Electron shell's), as `openCache` got it. */
  nativeBinding?: string | undefined;
  /** Between checkpoints nobody asked for; 5 s (what a few rep actions write is not worth an fsync each). */
  intervalMs?: number;
  onError(error: unknown): void;
}

/**
 * Checkpoints `db`'s WAL from a worker thread with its own connection, and stops `db` from
 * checkpointing on its own commits while the worker runs. Should the worker fail to start or
 * stop unexpectedly, `db` goes back to checkpointing itself: slower to answer, never unbounded.
 * Null for a cache in memory (no WAL).
 */
export function startCheckpointer(db: Db, options: CheckpointerOptions): Checkpointer | null {
  if (db.memory) return null;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      nativeBinding: options.nativeBinding,
      intervalMs: options.intervalMs ?? 5000,
    },
  });
  let closing = false;
  const waiting: ((result: CheckpointResult | null) => void)[] = [];
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const selfCheckpoint = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.ready) {
      if (!closing && db.open) db.pragma('wal_autocheckpoint = 0');
      markReady();
    }
    if (message.done !== undefined) waiting.shift()?.(message.done);
    if (message.failed) options.onError(new Error(`WAL checkpoint failed: ${message.failed}`));
  });
  worker.on('error', (error) => {
    selfCheckpoint();
    options.onError(error);
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      selfCheckpoint();
      markReady();
      for (const done of waiting.splice(0)) done(null);
      resolve();
    }),
  );
  // A checkpointer alone must not keep the app (or a test run) alive; after the listeners, which ref it.
  worker.unref();
  return {
    ready,
    checkpoint: (mode = 'passive') => {
      if (closing) return Promise.resolve(null);
      const done = new Promise<CheckpointResult | null>((resolve) => waiting.push(resolve));
      worker.postMessage(mode === 'truncate' ? 'truncate' : 'checkpoint');
      return done;
    },
    close: async () => {
      if (!closing) {
        closing = true;
        selfCheckpoint();
        worker.postMessage('close');
      }
      await exited;
    },
  };
}

/** Checkpoints and empties the WAL on `db`'s own connection (the checkpointer's thread is gone). */
export function truncateWal(db: Db): CheckpointResult {
  const result = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[];
  return result[0] ?? { busy: 1, log: -1, checkpointed: -1 };
}
