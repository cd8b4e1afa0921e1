import type { Migration } from '../migrate';

/**
 * Whether a user is active (`User.active`, sync protocol 16); 0: an admin deactivated them, and
 * nothing offers them for assignment. Users cached before count as active until their next change.
 */
export const m022UserActive: Migration = {
  version: 22,
  name: 'user_active',
  up(db) {
    db.exec(`ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;`);
  },
};
