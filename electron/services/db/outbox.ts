// The outbox: replies a rep wrote that the server has not acknowledged yet.
import type { Message } from '../../../shared/domain';
import { deleteMessage, upsertMessage } from './messages';
import type { Db } from './open';
import { durably } from './open';
import { prepared } from './statements';

interface OutboxEntry {
  clientId: string;
  messageId: string;
  conversationId: string;
  body: string;
  createdAt: number;
  attempts: number;
}

interface OutboxRow {
  client_id: string;
  message_id: string;
  conversation_id: string;
  body: string;
  created_at: number;
  attempts: number;
}

/**
 * Writes the pending message and its outbox entry in one transaction, with synchronous=FULL:
 * the rep believes it was sent, and only this file knows it was not.
 */
export function enqueueReply(db: Db, message: Message): void {
  if (message.clientId === null) throw new Error('An outbox message needs a clientId.');
  const clientId = message.clientId;
  durably(db, () =>
    db.transaction(() => {
      upsertMessage(db, message);
      prepared(
        db,
        `INSERT INTO outbox (client_id, message_id, conversation_id, body, created_at, state)
         VALUES (?, ?, ?, ?, ?, 'pending')`,
      ).run(clientId, message.id, message.conversationId, message.body, message.createdAt);
      // The list shows the reply at once; the server's conversation change overwrites this.
      prepared(
        db,
        `UPDATE conversations SET last_message_at = max(last_message_at, ?), last_message_preview = ?,
           waiting_since = NULL WHERE id = ?`,
      ).run(message.createdAt, message.body.slice(0, 200), message.conversationId);
    })(),
  );
}

export function listPending(db: Db): OutboxEntry[] {
  const rows = prepared(
    db,
    `SELECT client_id, message_id, conversation_id, body, created_at, attempts FROM outbox
     WHERE state = 'pending' ORDER BY created_at, client_id`,
  ).all() as OutboxRow[];
  return rows.map((row) => ({
    clientId: row.client_id,
    messageId: row.message_id,
    conversationId: row.conversation_id,
    body: row.body,
    createdAt: row.created_at,
    attempts: row.attempts,
  }));
}

export function countPending(db: Db): number {
  return (prepared(db, "SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
}

export function noteAttempt(db: Db, clientId: string): void {
  prepared(db, 'UPDATE outbox SET attempts = attempts + 1 WHERE client_id = ?').run(clientId);
}

/** The server stored the reply: its message replaces the local pending one. */
export function markSent(db: Db, clientId: string, serverMessage: Message): void {
  durably(db, () =>
    db.transaction(() => {
      const entry = prepared(db, 'SELECT message_id FROM outbox WHERE client_id = ?').get(clientId) as
        { message_id: string } | undefined;
      if (entry && entry.message_id !== serverMessage.id) deleteMessage(db, entry.message_id);
      prepared(db, 'DELETE FROM outbox WHERE client_id = ?').run(clientId);
      upsertMessage(db, { ...serverMessage, clientId: serverMessage.clientId ?? clientId });
    })(),
  );
}

/** The server refused the reply for good (e.g. the conversation is gone): keep it, marked failed. */
export function markFailed(db: Db, clientId: string, error: string): void {
  durably(db, () =>
    db.transaction(() => {
      const entry = prepared(db, 'SELECT message_id FROM outbox WHERE client_id = ?').get(clientId) as
        { message_id: string } | undefined;
      if (!entry) return;
      prepared(db, "UPDATE outbox SET state = 'failed', last_error = ? WHERE client_id = ?").run(error, clientId);
      prepared(db, "UPDATE messages SET status = 'failed' WHERE id = ?").run(entry.message_id);
    })(),
  );
}
