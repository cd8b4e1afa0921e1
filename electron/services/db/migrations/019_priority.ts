import type { Migration } from '../migrate';

/**
 * The priority a person set on a conversation (`Conversation.priority`, sync protocol 15):
 * `urgent`, `high` or `normal`; null is automatic (triage's urgency). The list, the thread and the
 * service levels read it. Conversations cached before stay automatic until their next change.
 */
export const m019Priority: Migration = {
  version: 19,
  name: 'priority',
  up(db) {
    db.exec(`ALTER TABLE conversations ADD COLUMN priority TEXT;`);
  },
};
