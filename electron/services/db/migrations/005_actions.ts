import type { Migration } from '../migrate';

/**
 * The outbox becomes one ordered queue of rep actions (replies, assignments, statuses, snoozes,
 * tags, notes, links), each with its payload. `seq` is the order the rep made them in, which is
 * the order they are sent in. An action stays after its ack (`acked`, with the seq of its last
 * change) until the server's copy of its conversation includes it, and a refused one stays
 * (`rejected`, with the reason) until the rep dismisses it.
 *
 * Conversations keep the server's own copy (`server_doc`, at change `server_seq`) beside the
 * columns the inbox reads, which are that copy with the outbox's actions applied on top.
 * Conversations gain tags and a snooze time; internal notes get their own table.
 */
export const m005Actions: Migration = {
  version: 5,
  name: 'actions',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE conversations ADD COLUMN snoozed_until INTEGER;
      ALTER TABLE conversations ADD COLUMN server_doc TEXT;
      ALTER TABLE conversations ADD COLUMN server_seq INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        client_id TEXT NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX notes_thread ON notes (conversation_id, created_at);
      CREATE INDEX notes_client ON notes (client_id);

      ALTER TABLE outbox RENAME TO outbox_replies;
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL, -- the Action as JSON
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'acked', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        -- The local message or note that stands for a reply or note until the server's copy arrives.
        local_id TEXT,
        ack_seq INTEGER,
        reason TEXT,
        rejected_at INTEGER
      );
      DROP INDEX outbox_state;
      CREATE INDEX outbox_state ON outbox (state, seq);
      CREATE INDEX outbox_conversation ON outbox (conversation_id, state);

      INSERT INTO outbox (id, conversation_id, type, payload, created_at, state, attempts, local_id, reason, rejected_at)
        SELECT r.client_id, r.conversation_id, 'reply',
          json_object('type', 'reply', 'conversationId', r.conversation_id,
            'seenAssigneeId', (SELECT c.assignee_id FROM conversations c WHERE c.id = r.conversation_id), 'body', r.body),
          r.created_at, CASE r.state WHEN 'failed' THEN 'rejected' ELSE 'pending' END, r.attempts, r.message_id,
          r.last_error, CASE r.state WHEN 'failed' THEN r.created_at END
        FROM outbox_replies r ORDER BY r.created_at, r.client_id;
      DROP TABLE outbox_replies;
    `);
  },
};
