import type { Migration } from '../migrate';

/**
 * What became of the suggestions offered for a rep's reply (`Message.suggestion`, sync protocol
 * 21): `unchanged`, `edited` or `ignored`; null when none were offered. The lead console counts
 * them per rep and day.
 */
export const m025MessageSuggestion: Migration = {
  version: 25,
  name: 'message_suggestion',
  up(db) {
    db.exec(`ALTER TABLE messages ADD COLUMN suggestion TEXT;`);
  },
};
