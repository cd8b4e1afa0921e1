import type { Migration } from '../migrate';

/**
 * What the rep typed and has not sent, per conversation and kind (a reply, an internal note):
 * kept on this device only, never synced (db/drafts.ts).
 */
export const m024Drafts: Migration = {
  version: 24,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        conversation_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('reply', 'note')),
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, kind)
      ) WITHOUT ROWID;
    `);
  },
};
