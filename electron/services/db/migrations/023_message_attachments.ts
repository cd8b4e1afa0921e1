import type { Migration } from '../migrate';

/**
 * What came with an inbound message (`Message.attachments`, sync protocol 18): a JSON array of
 * references — url or provider id, type, size, file name — never the bytes. Messages cached
 * before have none until their next change.
 */
export const m023MessageAttachments: Migration = {
  version: 23,
  name: 'message_attachments',
  up(db) {
    db.exec(`ALTER TABLE messages ADD COLUMN attachments TEXT;`);
  },
};
