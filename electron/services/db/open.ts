import Database from 'better-sqlite3';
import { migrate } from './migrate';

/** The engine's handle on its cache. Other folders use this type, never better-sqlite3 itself. */
export type Db = Database.Database;

interface OpenCacheOptions {
  /** better-sqlite3 built for another runtime's ABI (the Electron shell passes its own build). */
  nativeBinding?: string;
  /** Skip migrations (tests that migrate step by step). */
  migrate?: boolean;
}

/**
 * Opens (creating if needed) the SQLite cache and brings its schema up to date.
 *
 * WAL with synchronous=NORMAL survives a killed process but may lose the newest commits on
 * power loss; that is fine for data the server can send again. The outbox cannot be sent again
 * by anyone, so its writes switch to synchronous=FULL (see outbox.ts).
 */
export function openCache(file: string, options: OpenCacheOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MB of page cache: the message id and FTS indexes outgrow the 2 MB default during a first sync.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // What is deleted (a customer erased or merged away, a conversation revoked) is overwritten, not
  // just unlinked: its bytes leave the file once the WAL is checkpointed.
  db.pragma('secure_delete = ON');
  if (options.migrate !== false) migrate(db);
  return db;
}

/** Runs `fn` with synchronous=FULL, for writes a power cut must not undo. */
export function durably<T>(db: Db, fn: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return fn();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
