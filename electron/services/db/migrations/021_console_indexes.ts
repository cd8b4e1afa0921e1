import type { Migration } from '../migrate';

/**
 * The lead console reads every open conversation of its teams on each refresh (db/console.ts,
 * db/sla.ts); with 100,000 open, looking each row up in the table (wide: the server's document)
 * cost seconds. Three indexes now hold what it reads, so it never leaves them:
 * - `conversations_backlog`: the backlog's counts by channel, intent and sentiment, and by assignee;
 * - `conversations_waiting_team` (migration 012) also holds what a waiting row's targets depend on;
 * - `messages_thread` (migration 001) also holds the direction, for "has anyone replied".
 * The two rebuilt ones keep their names and leading columns, so their other readers are unchanged.
 */
export const m021ConsoleIndexes: Migration = {
  version: 21,
  name: 'console_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX conversations_backlog
        ON conversations (team_id, status, channel, intent, sentiment, assignee_id, waiting_since)
        WHERE status IN ('open', 'pending');
      DROP INDEX conversations_waiting_team;
      CREATE INDEX conversations_waiting_team
        ON conversations (team_id, waiting_since, id, channel, status, created_at, urgency, priority, assignee_id, customer_name)
        WHERE status IN ('open', 'pending') AND waiting_since IS NOT NULL;
      DROP INDEX messages_thread;
      CREATE INDEX messages_thread ON messages (conversation_id, created_at, direction);
    `);
  },
};
