import type { Db } from './open';
import { prepared } from './statements';

/** Keys of the meta table. */
export type MetaKey =
  | 'cursor'
  | 'user_id'
  | 'user'
  | 'server_url'
  | 'token_expires_at'
  | 'last_synced_at'
  /** Random, made once per cache: names this cache's keychain entry (see session/token.ts). */
  | 'install_id'
  /** JSON array: the teams of the signed-in user that the cached conversations were pulled for. */
  | 'synced_team_ids'
  /** JSON SkippedChanges: pulled changes this engine's version could not read. */
  | 'skipped_changes'
  /** JSON AssistConfig: this machine's language-model settings (see services/assist). */
  | 'assist_config'
  /** JSON { [userId]: Keymap bindings }: each rep's remapped shortcuts on this machine (see api/keymap.ts). */
  | 'keymaps'
  /** JSON { [userId]: Millis }: when each rep first used this cache; older inbound messages count as read (db/reads.ts). */
  | 'reads_since';

export function getMeta(db: Db, key: MetaKey): string | null {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: MetaKey, value: string): void {
  prepared(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

function deleteMeta(db: Db, key: MetaKey): void {
  prepared(db, 'DELETE FROM meta WHERE key = ?').run(key);
}

/** The highest change seq applied; 0 before the first sync. */
export function getCursor(db: Db): number {
  const value = getMeta(db, 'cursor');
  return value === null ? 0 : Number(value);
}

/**
 * Changes passed over because this engine's version could not read them (a newer kind or enum
 * value): the lowest such seq, the lowest version that skipped one, and how many.
 */
interface SkippedChanges {
  from: number;
  version: number;
  count: number;
}

function getSkipped(db: Db): SkippedChanges | null {
  const stored = getMeta(db, 'skipped_changes');
  return stored === null ? null : (JSON.parse(stored) as SkippedChanges);
}

/** How many pulled changes are waiting for a newer version of Caredesk. */
export function countSkipped(db: Db): number {
  return getSkipped(db)?.count ?? 0;
}

/** Records a change `version` could not read; call in the transaction that moves the cursor past it. */
export function noteSkipped(db: Db, seq: number, version: number): void {
  const known = getSkipped(db);
  const next: SkippedChanges = known
    ? { from: Math.min(known.from, seq), version: Math.min(known.version, version), count: known.count + 1 }
    : { from: seq, version, count: 1 };
  setMeta(db, 'skipped_changes', JSON.stringify(next));
}

/**
 * An engine newer than the one that skipped changes reads the log again from the first of them,
 * not from 0: the cursor goes back to just before it. Changes in between that were applied then
 * are written again, which leaves the cache as it was: each replaces its whole entity (or drops
 * it), in log order. Returns the cursor to pull from, or null when there is nothing to re-read.
 */
export function rewindSkipped(db: Db, version: number): number | null {
  return db.transaction(() => {
    const skipped = getSkipped(db);
    if (!skipped || skipped.version >= version) return null;
    const cursor = Math.min(getCursor(db), skipped.from - 1);
    setMeta(db, 'cursor', String(cursor));
    deleteMeta(db, 'skipped_changes');
    return cursor;
  })();
}
