import type { Migration } from '../migrate';

/**
 * A failed reply's reason from the provider (`Message.statusError`, sync protocol 9), as JSON
 * `{ code, text }`; NULL for every other message. Replies cached before show the general words
 * until their next change.
 */
export const m015MessageStatusError: Migration = {
  version: 15,
  name: 'message_status_error',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN status_error TEXT;');
  },
};
