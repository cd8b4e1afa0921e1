import type { Db } from './open';

const TABLES = [
  'messages',
  'conversations',
  'conversation_counts',
  'orders',
  'identities',
  'customers',
  'users',
  'teams',
  'outbox',
  'meta',
];

/**
 * Empties the cache for sign-out or a different user, so that one rep's customers are not left
 * readable for the next: secure_delete overwrites freed pages and the WAL is truncated.
 */
export function clearAll(db: Db): void {
  db.pragma('secure_delete = ON');
  try {
    db.transaction(() => {
      db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')");
      for (const table of TABLES) db.exec(`DELETE FROM ${table}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.pragma('secure_delete = OFF');
  }
}
