import type { Migration } from '../migrate';

/**
 * Why routing gave a conversation to its assignee or returned it to the queue
 * (`Conversation.assignedReason`, sync protocol 13), as JSON; null when a person assigned it or
 * nobody did. Conversations cached before show none until their next change.
 */
export const m018AssignedReason: Migration = {
  version: 18,
  name: 'assigned_reason',
  up(db) {
    db.exec(`ALTER TABLE conversations ADD COLUMN assigned_reason TEXT;`);
  },
};
