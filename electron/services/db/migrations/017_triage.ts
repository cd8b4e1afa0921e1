import type { Migration } from '../migrate';

/**
 * Triage in the inbox (db/triage.ts): the intent and sentiment of a conversation's latest inbound
 * message and its urgency (0–3: 2 for a negative customer, 1 for a late order), and the queue of
 * conversations whose latest inbound message has not been read yet — filled by every inbound
 * message written, emptied a batch at a time after sync. Conversations cached before wait in it.
 * `conversations_urgent` serves the "most urgent" order: each urgency level is one range of waiting
 * conversations, longest wait first.
 */
export const m017Triage: Migration = {
  version: 17,
  name: 'triage',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN intent TEXT;
      ALTER TABLE conversations ADD COLUMN sentiment TEXT;
      ALTER TABLE conversations ADD COLUMN urgency INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE triage_queue (conversation_id TEXT PRIMARY KEY) WITHOUT ROWID;
      INSERT INTO triage_queue (conversation_id)
        SELECT DISTINCT conversation_id FROM messages WHERE direction = 'inbound';
      CREATE INDEX conversations_urgent ON conversations (urgency, waiting_since, id)
        WHERE status IN ('open', 'pending') AND waiting_since IS NOT NULL;
      CREATE INDEX conversations_intent ON conversations (intent, last_message_at);
    `);
  },
};
