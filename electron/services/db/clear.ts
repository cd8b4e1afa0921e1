import type { MetaKey } from './meta';
import type { Db } from './open';

/**
 * What the server sends: everything a re-pull from cursor 0 brings back, and the customers the rep
 * opened (fetched with the conversations of the teams of the time, so they go when the teams do).
 */
const SYNCED_TABLES = [
  'conversations',
  'conversation_counts',
  'orders',
  'identities',
  'customers',
  'users',
  'teams',
  'opened_customers',
  'canned_resolutions',
];

/**
 * Survives every clear: which cache this is (it names the cache's keychain entries), this
 * machine's language-model settings, which belong to the install, not to a rep, and each rep's
 * remapped shortcuts (keys only, nothing about customers), so signing out does not lose them.
 */
const INSTALL_META: readonly MetaKey[] = ['install_id', 'assist_config', 'keymaps'];

/** Survives clearing the synced data for a re-pull: who is signed in, to which server. */
const SESSION_META: readonly MetaKey[] = [...INSTALL_META, 'user_id', 'user', 'server_url', 'token_expires_at'];

/**
 * Empties the cache for sign-out or a different user, so that one rep's customers are not left
 * readable for the next: secure_delete overwrites freed pages and the WAL is truncated. Only
 * the install's own settings and the reps' shortcut remaps are kept. `inSameTransaction` runs in
 * the clearing transaction (e.g. to record the next user), so that no crash leaves an empty cache
 * that still names the previous user.
 */
export function clearAll(db: Db, inSameTransaction?: () => void): void {
  securely(db, () => {
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')");
    for (const table of [...SYNCED_TABLES, 'messages', 'notes', 'outbox', 'outbox_targets', 'drafts'])
      db.exec(`DELETE FROM ${table}`);
    deleteMetaExcept(db, INSTALL_META);
    inSameTransaction?.();
  });
}

/**
 * Empties what the server can send again, for a re-pull from cursor 0 (the signed-in user's
 * teams changed): keeps the outbox with its local messages, and who is signed in. The cursor,
 * the last sync time and the synced teams go. Returns the conversations that were dropped.
 */
export function clearSynced(db: Db, inSameTransaction?: () => void): string[] {
  return securely(db, () => {
    const dropped = (db.prepare('SELECT id FROM conversations').pluck().all() as string[]).sort();
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')");
    const local = 'SELECT local_id FROM outbox WHERE local_id IS NOT NULL';
    db.exec(`DELETE FROM messages WHERE id NOT IN (${local})`);
    db.exec(`DELETE FROM notes WHERE id NOT IN (${local})`);
    db.exec('INSERT INTO messages_fts (rowid, body) SELECT seq, body FROM messages');
    for (const table of SYNCED_TABLES) db.exec(`DELETE FROM ${table}`);
    deleteMetaExcept(db, SESSION_META);
    inSameTransaction?.();
    return dropped;
  });
}

function deleteMetaExcept(db: Db, keep: readonly MetaKey[]): void {
  db.prepare(`DELETE FROM meta WHERE key NOT IN (${keep.map(() => '?').join(', ')})`).run(...keep);
}

/** secure_delete is on for the whole connection (open.ts); the WAL's old page images go too. */
function securely<T>(db: Db, fn: () => T): T {
  db.pragma('secure_delete = ON');
  const result = db.transaction(fn)();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}
