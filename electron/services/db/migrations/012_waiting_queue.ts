import type { Migration } from '../migrate';

/**
 * The "longest waiting" inbox order (db/conversations.ts): open and pending conversations whose
 * customer waits, oldest wait first on (waiting_since, id). Partial indexes hold only those
 * conversations, one per filter shape of the list (all, mine or unassigned, a team).
 */
export const m012WaitingQueue: Migration = {
  version: 12,
  name: 'waiting_queue',
  up(db) {
    db.exec(`
      CREATE INDEX conversations_waiting ON conversations (waiting_since, id)
        WHERE status IN ('open', 'pending') AND waiting_since IS NOT NULL;
      CREATE INDEX conversations_waiting_assignee ON conversations (assignee_id, waiting_since, id)
        WHERE status IN ('open', 'pending') AND waiting_since IS NOT NULL;
      CREATE INDEX conversations_waiting_team ON conversations (team_id, waiting_since, id)
        WHERE status IN ('open', 'pending') AND waiting_since IS NOT NULL;
    `);
  },
};
