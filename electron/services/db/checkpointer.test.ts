import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changes, message } from '../testing/fixtures';
import { applyChanges } from './changes';
import { startCheckpointer } from './checkpointer';
import { openCache } from './open';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileCache() {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-checkpointer-'));
  dirs.push(dir);
  return openCache(join(dir, 'cache.db'));
}

const autocheckpoint = (db: ReturnType<typeof openCache>) => db.pragma('wal_autocheckpoint', { simple: true });

describe('the WAL checkpointer', () => {
  it('checkpoints from its own thread while the cache stops checkpointing on its commits, and hands back on close', async () => {
    const db = fileCache();
    const errors: unknown[] = [];
    const checkpointer = startCheckpointer(db, { intervalMs: 60_000, onError: (error) => errors.push(error) });
    if (!checkpointer) throw new Error('a file cache has a checkpointer');
    await checkpointer.ready;
    expect(autocheckpoint(db)).toBe(0);

    // Many commits: on its own the cache would have checkpointed (and restarted its WAL) at 1,000 pages.
    for (let batch = 0; batch < 100; batch++) {
      applyChanges(db, changes(...Array.from({ length: 100 }, (_, i) => message(`m${batch}-${i}`))));
    }
    const result = await checkpointer.checkpoint();
    expect(result?.log).toBeGreaterThan(1000);
    expect(result).toMatchObject({ busy: 0, checkpointed: result?.log });

    await checkpointer.close();
    expect(autocheckpoint(db)).toBe(1000);
    expect(await checkpointer.checkpoint()).toBeNull();
    expect(errors).toEqual([]);
    db.close();
  });

  it('has nothing to do for a cache in memory', () => {
    const db = openCache(':memory:');
    expect(startCheckpointer(db, { onError: () => {} })).toBeNull();
    db.close();
  });

  it('gives checkpoints back to the cache when its worker cannot start', async () => {
    const db = fileCache();
    const errors: unknown[] = [];
    const checkpointer = startCheckpointer(db, {
      nativeBinding: join(tmpdir(), 'no-such-build', 'better_sqlite3.node'),
      onError: (error) => errors.push(error),
    });
    await checkpointer?.ready;
    expect(autocheckpoint(db)).toBe(1000);
    expect(errors).toHaveLength(1);
    db.close();
  });
});
