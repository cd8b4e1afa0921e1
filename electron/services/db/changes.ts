// Applying the server's change log to the cache.
import { changeEntityKey } from '../../../shared/sync';
import type { Change, ChangeReader } from '../../../shared/sync';
import { writeChange } from './change-handlers';
import type { ApplyContext } from './change-handlers';
import { conversationsWithLocalActions } from './conversation-state';
import { noteServerApplied } from './outbox';
import { noteSkipped, setMeta } from './meta';
import type { Db } from './open';

interface AppliedChanges {
  /** Conversations whose summary or messages changed. */
  conversationIds: string[];
}

/** Applies changes in one transaction (upsert by id); later changes win. */
export function applyChanges(db: Db, changes: readonly Change[]): AppliedChanges {
  return db.transaction(() => applyInTransaction(db, changes, 0, changes.length, latestVersions(changes)))();
}

/** Applies one pulled page and stores its cursor in the same transaction. */
export function applyPage(db: Db, changes: readonly Change[], cursor: number): AppliedChanges {
  const [only] = pageChunks(db, changes, cursor, Number.POSITIVE_INFINITY);
  return only ? only() : { conversationIds: [] };
}

/**
 * A pulled page as transactions of at most `size` changes, in order, each storing the cursor
 * of its own last change (the page's cursor for the last one); the caller may yield between
 * them. A version superseded later in the page is skipped even when the later one is in a
 * later chunk: should the app stop between the two, the cursor is before the later one, which
 * is pulled again.
 */
export function pageChunks(db: Db, changes: readonly Change[], cursor: number, size: number): (() => AppliedChanges)[] {
  const latest = latestVersions(changes);
  const chunks: (() => AppliedChanges)[] = [];
  let next = 0;
  do {
    const start = next;
    const end = Math.min(start + size, changes.length);
    const chunkCursor = end === changes.length ? cursor : (changes[end - 1]?.seq ?? cursor);
    chunks.push(() =>
      db.transaction(() => {
        const applied = applyInTransaction(db, changes, start, end, latest);
        setMeta(db, 'cursor', String(chunkCursor));
        return applied;
      })(),
    );
    next = end;
  } while (next < changes.length);
  return chunks;
}

/** A pulled page, its changes not yet read: `from` is the cursor it was pulled after. */
export interface PulledChanges {
  changes: readonly unknown[];
  from: number;
  cursor: number;
}

export interface PageSlice extends AppliedChanges {
  /** True once the whole page is applied and the cursor stands at the page's. */
  done: boolean;
}

/**
 * What a commit costs, learnt from the last ones: much of a change's work (its search index
 * rows, its pages written to the WAL) happens at commit, so a slice stops writing while there is
 * still time to commit within its budget. Measured on a catch-up, a conversation's commit costs
 * about ten times a message's (its row and its list indexes move, its counts change).
 */
export interface CommitCost {
  /** Milliseconds per unit of COMMIT_WEIGHT. */
  msPerUnit: number;
}

const COMMIT_WEIGHT: Readonly<Record<Change['kind'], number>> = {
  message: 1,
  note: 1,
  revoke: 1,
  delete: 1,
  team: 2,
  user: 2,
  order: 4,
  customer: 4,
  conversation: 10,
  resolution: 1,
};

/**
 * A pulled page applied a slice at a time, so that a long catch-up never holds the event loop:
 * each `next(budgetMs)` reads (validates) changes, then writes them in one transaction, until
 * `budgetMs` has passed or APPLY_CHUNK changes are written, and stores the cursor reached (of the
 * last change written; the page's once all are). A change `reader` cannot read is skipped and
 * recorded in the same transaction (meta `noteSkipped`), and the rest of the page still applies.
 */
export function pageSlices(
  db: Db,
  page: PulledChanges,
  reader: ChangeReader,
  maxChunk: number,
  now: () => number = () => performance.now(),
  commitCost: CommitCost = { msPerUnit: 0 },
): { next(budgetMs: number): PageSlice } {
  const count = page.changes.length;
  const read: (Change | null)[] = [];
  // The cursor after each change: its seq, or for one without a readable seq the one before it.
  const cursors: number[] = [];
  let latest: Set<number> | null = null;
  let written = 0;
  let finished = false;

  function readSome(start: number, budgetMs: number): boolean {
    while (read.length < count) {
      const raw = page.changes[read.length];
      const change = reader.read(raw);
      read.push(change);
      cursors.push(Math.max(cursors.at(-1) ?? page.from, change?.seq ?? looseSeq(raw) ?? 0));
      if (now() - start >= budgetMs && read.length < count) return false;
    }
    latest ??= latestVersions(read);
    return true;
  }

  return {
    next(budgetMs) {
      if (finished) return { conversationIds: [], done: true };
      const start = now();
      if (!readSome(start, budgetMs)) return { conversationIds: [], done: false };
      const newest = latest ?? new Set<number>();
      const first = written;
      let units = 0;
      const inTime = () => now() - start + units * commitCost.msPerUnit < budgetMs;
      let wrote = start;
      const slice = db.transaction(() => {
        const affected = new Set<string>();
        const ctx = { local: conversationsWithLocalActions(db) };
        // At least one change per call, so that a page always moves on.
        while (written < count && (written === first || (inTime() && written - first < maxChunk))) {
          const change = read[written];
          if (change) {
            const isNewest = newest.has(written);
            applyOne(db, change, isNewest, ctx, affected);
            units += isNewest || entityKey(change) === null ? COMMIT_WEIGHT[change.kind] : 0;
          } else noteSkipped(db, cursors[written] ?? page.from, reader.version);
          written++;
        }
        finished = written === count;
        setMeta(db, 'cursor', String(finished ? page.cursor : (cursors[written - 1] ?? page.from)));
        wrote = now();
        return { conversationIds: [...affected], done: finished };
      })();
      if (units > 0) commitCost.msPerUnit = commitCost.msPerUnit * 0.7 + ((now() - wrote) / units) * 0.3;
      return slice;
    },
  };
}

/** The seq of a change this engine cannot read, if it has a usable one. */
function looseSeq(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null || !('seq' in raw)) return null;
  const { seq } = raw;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

/**
 * Each change replaces its whole entity, so of several versions of one entity in a page only the
 * last one needs writing (a catch-up carries a conversation's every update); a `revoke` or a
 * `delete` is the last version of what it removes. Messages and notes are never updated in place
 * by the log, so every one is kept.
 */
const entityKey = changeEntityKey;

/** Unreadable (null) changes have no say: the newest version this engine can read is written. */
function latestVersions(changes: readonly (Change | null)[]): Set<number> {
  const last = new Map<string, number>();
  changes.forEach((change, index) => {
    const key = change && entityKey(change);
    if (key) last.set(key, index);
  });
  return new Set(last.values());
}

/** Applies `changes[start..end)`; of several versions of one entity only the one in `latest` is written. */
function applyInTransaction(
  db: Db,
  changes: readonly Change[],
  start: number,
  end: number,
  latest: ReadonlySet<number>,
): AppliedChanges {
  const affected = new Set<string>();
  const ctx = { local: conversationsWithLocalActions(db) };
  for (let index = start; index < end; index++) {
    const change = changes[index];
    if (change) applyOne(db, change, latest.has(index), ctx, affected);
  }
  return { conversationIds: [...affected] };
}

/** Writes one change (unless `newest` is false for a version superseded later in its page). */
function applyOne(db: Db, change: Change, newest: boolean, ctx: ApplyContext, affected: Set<string>): void {
  // The server has applied one of our actions (maybe its ack was lost): it is no longer pending.
  if (change.actionId) noteServerApplied(db, change.actionId, change.seq);
  if (entityKey(change) !== null && !newest) return;
  for (const id of writeChange(db, change, ctx)) affected.add(id);
}
