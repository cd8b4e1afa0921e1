import type { Migration } from '../migrate';

/**
 * An action may touch several conversations (a bulk assignment) or none (library items,
 * settings): the outbox's `conversation_id` becomes optional (the conversation of an action on
 * one), and `outbox_targets` lists every conversation each action touches, which is what the
 * rep's view, the pending counts and the undo of a refusal read.
 */
export const m006OutboxTargets: Migration = {
  version: 6,
  name: 'outbox_targets',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_new (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT,
        type TEXT NOT NULL,
        payload TEXT NOT NULL, -- the Action as JSON
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'acked', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        local_id TEXT,
        ack_seq INTEGER,
        reason TEXT,
        rejected_at INTEGER
      );
      INSERT INTO outbox_new (seq, id, conversation_id, type, payload, created_at, state, attempts, local_id,
          ack_seq, reason, rejected_at)
        SELECT seq, id, conversation_id, type, payload, created_at, state, attempts, local_id, ack_seq, reason,
          rejected_at FROM outbox ORDER BY seq;
      -- Keeps AUTOINCREMENT's high-water mark, so no seq is ever handed out twice.
      UPDATE sqlite_sequence SET seq = coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)
        WHERE name = 'outbox_new';
      DROP TABLE outbox;
      ALTER TABLE outbox_new RENAME TO outbox;
      CREATE INDEX outbox_state ON outbox (state, seq);

      CREATE TABLE outbox_targets (
        action_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        PRIMARY KEY (conversation_id, action_id)
      ) WITHOUT ROWID;
      CREATE INDEX outbox_targets_action ON outbox_targets (action_id);
      INSERT INTO outbox_targets (action_id, conversation_id) SELECT id, conversation_id FROM outbox;
    `);
  },
};
