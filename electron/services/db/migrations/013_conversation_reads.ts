import type { Migration } from '../migrate';

/**
 * What each rep has read, per conversation (db/reads.ts): the time of the newest inbound message
 * when they last opened it. A conversation with a newer inbound message is unread for them.
 */
export const m013ConversationReads: Migration = {
  version: 13,
  name: 'conversation_reads',
  up(db) {
    db.exec(`
      CREATE TABLE conversation_reads (
        user_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, conversation_id)
      ) WITHOUT ROWID;
    `);
  },
};
