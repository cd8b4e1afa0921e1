// Applying the server's change log to the cache.
import { changeEntityKey } from '../../../shared/sync';
import type { Change, ChangeReader } from '../../../shared/sync';
import type { Customer, Order, Team, User } from '../../../shared/domain';
import { conversationsWithLocalActions, HANDLE_FOR, storeServerConversation } from './conversation-state';
import { deleteEntity, dropTeams, revokeConversation } from './deletions';
import { upsertMessage } from './messages';
import { upsertNote } from './notes';
import { noteServerApplied } from './outbox';
import { getMeta, noteSkipped, setMeta } from './meta';
import type { Db } from './open';
import { getSyncedTeamIds, setSyncedTeamIds } from './people';
import { upsertResolution } from './resolutions';
import { prepared } from './statements';

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
        const local = conversationsWithLocalActions(db);
        // At least one change per call, so that a page always moves on.
        while (written < count && (written === first || (inTime() && written - first < maxChunk))) {
          const change = read[written];
          if (change) {
            const isNewest = newest.has(written);
            applyOne(db, change, isNewest, local, affected);
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
  const local = conversationsWithLocalActions(db);
  for (let index = start; index < end; index++) {
    const change = changes[index];
    if (change) applyOne(db, change, latest.has(index), local, affected);
  }
  return { conversationIds: [...affected] };
}

/** Writes one change (unless `newest` is false for a version superseded later in its page). */
function applyOne(db: Db, change: Change, newest: boolean, local: ReadonlySet<string>, affected: Set<string>): void {
  // The server has applied one of our actions (maybe its ack was lost): it is no longer pending.
  if (change.actionId) noteServerApplied(db, change.actionId, change.seq);
  if (entityKey(change) !== null && !newest) return;
  switch (change.kind) {
    case 'team':
      upsertTeam(db, change.data);
      break;
    case 'user':
      upsertUser(db, change.data);
      for (const id of dropLeftTeams(db, change.data)) affected.add(id);
      break;
    case 'customer':
      for (const id of upsertCustomer(db, change.data)) affected.add(id);
      break;
    case 'order':
      for (const id of upsertOrder(db, change.data)) affected.add(id);
      break;
    case 'conversation':
      storeServerConversation(db, change.data, change.seq, local.has(change.data.id));
      affected.add(change.data.id);
      break;
    case 'message':
      upsertMessage(db, change.data);
      affected.add(change.data.conversationId);
      break;
    case 'note':
      upsertNote(db, change.data);
      affected.add(change.data.conversationId);
      break;
    case 'revoke':
      revokeConversation(db, change.data.id);
      affected.add(change.data.id);
      break;
    case 'delete':
      for (const id of deleteEntity(db, change.data.entity, change.data.id)) affected.add(id);
      break;
    case 'resolution':
      upsertResolution(db, change.data);
      break;
  }
}

function upsertTeam(db: Db, team: Team): void {
  prepared(db, 'INSERT INTO teams (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(
    team.id,
    team.name,
  );
}

function upsertUser(db: Db, user: User): void {
  prepared(
    db,
    `INSERT INTO users (id, name, email, role, team_ids) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
       team_ids = excluded.team_ids`,
  ).run(user.id, user.name, user.email, user.role, JSON.stringify(user.teamIds));
}

/** Returns the conversations whose denormalised customer name/handle were refreshed. */
function upsertCustomer(db: Db, customer: Customer): string[] {
  prepared(
    db,
    `INSERT INTO customers (id, name, email, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, created_at = excluded.created_at`,
  ).run(customer.id, customer.name, customer.email, customer.createdAt);
  prepared(db, 'DELETE FROM identities WHERE customer_id = ?').run(customer.id);
  const insertIdentity = prepared(
    db,
    `INSERT INTO identities (id, customer_id, channel, value, display) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, channel = excluded.channel,
       value = excluded.value, display = excluded.display`,
  );
  for (const identity of customer.identities) {
    insertIdentity.run(identity.id, customer.id, identity.channel, identity.value, identity.display);
  }
  const refreshed = prepared(
    db,
    `UPDATE conversations SET customer_name = @name, customer_handle = ${HANDLE_FOR('@id', 'conversations.channel')}
     WHERE customer_id = @id RETURNING id`,
  ).all({ name: customer.name, id: customer.id }) as { id: string }[];
  return refreshed.map((row) => row.id);
}

/** Returns the conversations of the order's customer, whose panel shows it. */
function upsertOrder(db: Db, order: Order): string[] {
  prepared(
    db,
    `INSERT INTO orders (id, customer_id, number, placed_at, doc) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, number = excluded.number,
       placed_at = excluded.placed_at, doc = excluded.doc`,
  ).run(order.id, order.customerId, order.number, order.placedAt, JSON.stringify(order));
  return prepared(db, 'SELECT id FROM conversations WHERE customer_id = ?').pluck().all(order.customerId) as string[];
}

/**
 * The signed-in user left a team the cache was filled for: that team's conversations go now, in
 * the transaction that learnt it, and the cache counts as filled for the remaining teams. Only once
 * the cache has been synced to the end of the log (`last_synced_at`), so that the change is newer
 * than the teams it was filled for: a first sync or a pull again from 0 replays older versions of
 * the user, which the sync client settles once the log is read to its end. A team joined is not
 * handled here either: the sync client then pulls again from 0 (and so it does when a later
 * version of the user in the same catch-up has the team again: what was dropped comes back).
 */
function dropLeftTeams(db: Db, user: User): string[] {
  if (user.id !== getMeta(db, 'user_id') || getMeta(db, 'last_synced_at') === null) return [];
  const synced = getSyncedTeamIds(db);
  if (synced === null) return [];
  const left = synced.filter((teamId) => !user.teamIds.includes(teamId));
  if (left.length === 0) return [];
  setSyncedTeamIds(
    db,
    synced.filter((teamId) => user.teamIds.includes(teamId)),
  );
  if (getMeta(db, 'user') !== null) setMeta(db, 'user', JSON.stringify(user));
  return dropTeams(db, left);
}
