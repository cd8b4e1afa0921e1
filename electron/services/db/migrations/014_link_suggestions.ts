import type { Migration } from '../migrate';

/**
 * Customers a conversation's messages point at (`Conversation.linkSuggestions`, sync protocol 8),
 * as JSON; '[]' when none. Conversations cached before keep none until their next change.
 */
export const m014LinkSuggestions: Migration = {
  version: 14,
  name: 'link_suggestions',
  up(db) {
    db.exec(`ALTER TABLE conversations ADD COLUMN link_suggestions TEXT NOT NULL DEFAULT '[]';`);
  },
};
