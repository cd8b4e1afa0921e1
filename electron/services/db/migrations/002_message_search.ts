import type { Migration } from '../migrate';

/**
 * Full-text search over message bodies. External content (the text lives once, in messages;
 * snippet() reads it from there). The app writes index rows itself in the same transaction as
 * the message: triggers were measured 5x slower. prefix='2 3' keeps type-ahead (`tok*`) fast.
 * automerge=16 (default 4) merges index segments less eagerly: a first sync of 1M messages
 * ingests ~25 % faster, and searches stay far inside their budget (bench/run.ts).
 */
export const m002MessageSearch: Migration = {
  version: 2,
  name: 'message_search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        body,
        content = 'messages',
        content_rowid = 'seq',
        prefix = '2 3',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 16);
      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `);
  },
};
