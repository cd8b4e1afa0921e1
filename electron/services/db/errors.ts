// The one place where SQLite's "no space" failures become an error a rep can act on.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CaredeskError } from '../../../shared/domain';
import type { Db } from './open';

export const STORAGE_FULL_MESSAGE =
  'Caredesk could not save to this computer because the disk is full. Free some space; nothing you typed was lost.';

/**
 * I/O errors SQLite raises when writing, or growing a file, failed. SQLite itself reports a
 * failed write for lack of space as SQLITE_FULL, but space running out while syncing, sizing
 * the WAL or its shared memory surfaces as one of these.
 */
const WRITE_IO_ERRORS = new Set([
  'SQLITE_IOERR',
  'SQLITE_IOERR_WRITE',
  'SQLITE_IOERR_FSYNC',
  'SQLITE_IOERR_DIR_FSYNC',
  'SQLITE_IOERR_TRUNCATE',
  'SQLITE_IOERR_SHMSIZE',
]);

/** Below this much free space an I/O error on write is taken to mean "the disk is full". */
export const LOW_SPACE_BYTES = 16 * 1024 * 1024;

/** Free bytes for this user on the volume holding `folder`; null when unknown. */
type FreeSpace = (folder: string) => number | null;

const freeSpaceOnVolume: FreeSpace = (folder) => {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
};

/** `storage_full` when `error` means the cache's disk is full, null for anything else. */
export function storageFullError(
  error: unknown,
  db: Db,
  freeSpace: FreeSpace = freeSpaceOnVolume,
): CaredeskError | null {
  if (!(error instanceof Database.SqliteError)) return null;
  if (error.code === 'SQLITE_FULL') return new CaredeskError('storage_full', STORAGE_FULL_MESSAGE);
  if (!WRITE_IO_ERRORS.has(error.code) || db.memory) return null;
  const free = freeSpace(dirname(db.name));
  return free !== null && free < LOW_SPACE_BYTES ? new CaredeskError('storage_full', STORAGE_FULL_MESSAGE) : null;
}

/** What to rethrow: `storage_full` for a full disk, the error itself otherwise. */
export function asStorageError(error: unknown, db: Db): unknown {
  return storageFullError(error, db) ?? error;
}
