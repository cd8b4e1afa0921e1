import type { Migration } from '../migrate';

/** The server's copy of the rep's own canned resolutions (changes addressed to this user). */
export const m008CannedResolutions: Migration = {
  version: 8,
  name: 'canned_resolutions',
  up(db) {
    db.exec(`
      CREATE TABLE canned_resolutions (
        id TEXT PRIMARY KEY,
        owner_id TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
