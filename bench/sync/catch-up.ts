// The catch-up's baselines, like for like: the rows the engine wrote (not every version in the
// log), written into a copy of the same cache (same schema, same pragmas: openCache's WAL with
// synchronous=NORMAL), in transactions of the engine's size, in the benchmark's process, where
// the engine's writes ran too.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeEntityKey } from '../../shared/sync';
import type { Change } from '../../shared/sync';
import { pageChunks } from '../../electron/services/db/changes';
import { openCache } from '../../electron/services/db/open';
import type { Db } from '../../electron/services/db/open';
import { APPLY_CHUNK } from '../../electron/services/sync/sync-client';
import { cacheDigest, rawInserter } from '../raw';

/**
 * The changes of a page the engine writes: of several versions of one entity only the last
 * (`changeEntityKey`; messages and notes are never versions of one another). The engine's rule, in
 * electron/services/db/changes.ts (`latestVersions`); `baselines` checks that both caches end
 * the same.
 */
export function newestPerPage(page: readonly Change[]): Set<number> {
  const last = new Map<string, number>();
  page.forEach((change, index) => {
    last.set(changeEntityKey(change) ?? `${change.kind}:${index}`, index);
  });
  return new Set(last.values());
}

export interface Timed {
  rows: number;
  ms: number;
}

export interface CatchUpBaselines {
  /** Changes the server sent (pages already carry only the newest version of an entity among the log rows they cover). */
  sent: number;
  /** Of those, the ones the engine writes, and plain prepared statements writing the same ones. */
  raw: Timed;
  /** The engine's own apply (pageChunks) of the same pages, without the network. */
  apply: Timed;
}

/**
 * Copies the cache file as it was before the catch-up (`before`, closed), then writes into one
 * copy what the engine wrote, with plain statements, and into another the same pages through the
 * engine's apply. Throws if the plain copy does not end as the engine's cache did (`after`).
 */
export function measureBaselines(before: string, pages: readonly Change[][], after: Db): CatchUpBaselines {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-baseline-'));
  const copy = (name: string) => {
    const file = join(dir, name);
    copyFileSync(before, file);
    if (existsSync(`${before}-wal`)) copyFileSync(`${before}-wal`, `${file}-wal`);
    return openCache(file);
  };
  try {
    const rawDb = copy('raw.db');
    const insert = rawInserter(rawDb);
    let rows = 0;
    const rawStart = process.hrtime.bigint();
    for (const page of pages) {
      const latest = newestPerPage(page);
      for (let start = 0; start < page.length; start += APPLY_CHUNK) {
        const chunk = page.slice(start, start + APPLY_CHUNK).filter((_, i) => latest.has(start + i));
        insert(chunk);
        rows += chunk.length;
      }
    }
    const raw = { rows, ms: elapsed(rawStart) };
    const [plain, engine] = [cacheDigest(rawDb), cacheDigest(after)];
    rawDb.close();
    if (plain.messages !== engine.messages || plain.conversations !== engine.conversations) {
      throw new Error(
        `the baseline did not write what the engine did: ${plain.messages} messages against the engine's ${engine.messages}`,
      );
    }

    const applyDb = copy('apply.db');
    const applyStart = process.hrtime.bigint();
    for (const page of pages) {
      for (const applyChunk of pageChunks(applyDb, page, page.at(-1)?.seq ?? 0, APPLY_CHUNK)) applyChunk();
    }
    const apply = { rows, ms: elapsed(applyStart) };
    applyDb.close();
    return { sent: pages.reduce((n, page) => n + page.length, 0), raw, apply };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
