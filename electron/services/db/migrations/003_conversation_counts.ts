import type { Migration } from '../migrate';

/**
 * Totals of the inbox filters, kept up to date as conversations change, so that "how many match"
 * costs a few rows instead of counting tens of thousands of index entries on every list call.
 * Unassigned conversations count under assignee_id ''. Every conversation also counts under
 * assignee_id '*' (any assignee), so that no total sums more than teams × channels × statuses rows.
 */
export const m003ConversationCounts: Migration = {
  version: 3,
  name: 'conversation_counts',
  up(db) {
    db.exec(`
      CREATE TABLE conversation_counts (
        team_id TEXT NOT NULL,
        assignee_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (team_id, assignee_id, channel, status)
      ) WITHOUT ROWID;
      CREATE INDEX conversation_counts_assignee ON conversation_counts (assignee_id);

      INSERT INTO conversation_counts (team_id, assignee_id, channel, status, n)
        SELECT team_id, coalesce(assignee_id, ''), channel, status, count(*) FROM conversations
        GROUP BY team_id, coalesce(assignee_id, ''), channel, status;
      INSERT INTO conversation_counts (team_id, assignee_id, channel, status, n)
        SELECT team_id, '*', channel, status, count(*) FROM conversations GROUP BY team_id, channel, status;
    `);
  },
};
