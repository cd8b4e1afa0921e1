import type { Migration } from '../migrate';

/**
 * A deleted message's words leave the search index at once. Without FTS5's secure-delete option a
 * delete only records a tombstone, and the words stay in the index's older segments (and so in the
 * file) until a merge happens to rewrite them; with it, they are removed from those segments, and
 * the cache's own `secure_delete` (open.ts) overwrites the freed space.
 */
export const m009SearchSecureDelete: Migration = {
  version: 9,
  name: 'search_secure_delete',
  up(db) {
    db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1)");
  },
};
