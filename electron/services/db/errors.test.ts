import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CaredeskError } from '../../../shared/domain';
import { asStorageError, LOW_SPACE_BYTES, STORAGE_FULL_MESSAGE, storageFullError } from './errors';
import { openCache } from './open';
import type { Db } from './open';
import { fillCache } from './testing';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function fileCache(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-errors-'));
  const db = openCache(join(dir, 'cache.db'));
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('storage errors', () => {
  it('maps SQLITE_FULL from a genuinely full cache to storage_full', () => {
    const db = fileCache();
    fillCache(db);
    const error = thrownBy(() =>
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('big', 'x'.repeat(9000)),
    );
    expect(error).toMatchObject({ code: 'SQLITE_FULL' });
    const mapped = asStorageError(error, db);
    expect(mapped).toBeInstanceOf(CaredeskError);
    expect(mapped).toMatchObject({ code: 'storage_full', message: STORAGE_FULL_MESSAGE });
  });

  it('maps an I/O error on write to storage_full only when the disk has (almost) no space left', () => {
    const db = fileCache();
    const ioError = new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
    expect(storageFullError(ioError, db, () => 4096)?.code).toBe('storage_full');
    expect(storageFullError(ioError, db, () => LOW_SPACE_BYTES * 100)).toBeNull();
    expect(storageFullError(ioError, db, () => null)).toBeNull();
    const readError = new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_READ');
    expect(storageFullError(readError, db, () => 0)).toBeNull();
    // An in-memory cache has no disk to be full.
    const memory = openCache(':memory:');
    cleanups.push(() => memory.close());
    expect(storageFullError(ioError, memory, () => 0)).toBeNull();
  });

  it('leaves every other error as it is', () => {
    const db = fileCache();
    const constraint = new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE');
    const plain = new Error('boom');
    const known = new CaredeskError('not_found', 'No such conversation.');
    for (const error of [constraint, plain, known, 'text', null]) expect(asStorageError(error, db)).toBe(error);
  });
});
