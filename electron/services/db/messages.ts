// Messages and their search index rows, always written together.
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from '../../../shared/api';
import type { Message } from '../../../shared/domain';
import type { Db } from './open';
import { messageParams, toMessage } from './rows';
import type { MessageRow } from './rows';
import { prepared } from './statements';

const INSERT_NEW = `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id,
    status_error, attachments, suggestion)
  VALUES (@id, @conversation_id, @channel, @direction, @author_id, @body, @created_at, @status, @client_id, @status_error,
    @attachments, @suggestion)
  ON CONFLICT (id) DO NOTHING`;

const UPDATE = `UPDATE messages SET conversation_id = @conversation_id, channel = @channel, direction = @direction,
  author_id = @author_id, body = @body, created_at = @created_at, status = @status, client_id = @client_id,
  status_error = @status_error, attachments = @attachments, suggestion = @suggestion
  WHERE id = @id`;

/**
 * Upserts one message and keeps messages_fts in step. The common case (a new message) is one
 * insert plus one index row; an update re-indexes only when the body changed.
 */
export function upsertMessage(db: Db, original: Message): void {
  const message = { ...original, body: withoutSnippetMarkers(original.body) };
  const params = messageParams(message);
  if (message.clientId !== null) dropLocalCopies(db, message.clientId, message.id);
  const inserted = prepared(db, INSERT_NEW).run(params);
  if (inserted.changes === 1) {
    prepared(db, 'INSERT INTO messages_fts (rowid, body) VALUES (?, ?)').run(inserted.lastInsertRowid, message.body);
    return;
  }
  const old = prepared(db, 'SELECT seq, body FROM messages WHERE id = ?').get(message.id) as
    { seq: number; body: string } | undefined;
  if (!old) return;
  prepared(db, UPDATE).run(params);
  if (old.body !== message.body) {
    unindex(db, old.seq, old.body);
    prepared(db, 'INSERT INTO messages_fts (rowid, body) VALUES (?, ?)').run(old.seq, message.body);
  }
}

/**
 * The search snippet's match markers are control characters (shared/api/search.ts); a body
 * that carried them could fake a highlight, so they are dropped before storing and indexing.
 */
export function withoutSnippetMarkers(body: string): string {
  if (!body.includes(SNIPPET_MATCH_START) && !body.includes(SNIPPET_MATCH_END)) return body;
  return body.replaceAll(SNIPPET_MATCH_START, '').replaceAll(SNIPPET_MATCH_END, '');
}

/** Removes a message and its index row. */
export function deleteMessage(db: Db, id: string): void {
  const old = prepared(db, 'SELECT seq, body FROM messages WHERE id = ?').get(id) as
    { seq: number; body: string } | undefined;
  if (!old) return;
  unindex(db, old.seq, old.body);
  prepared(db, 'DELETE FROM messages WHERE seq = ?').run(old.seq);
}

/**
 * The server's copy of a reply carries our action id as its clientId: the local pending copy
 * gives way to it, whether it arrived by ack or by pull. Every local copy is named by its outbox
 * entry, so one indexed lookup settles the common case of no local copy.
 */
function dropLocalCopies(db: Db, clientId: string, serverId: string): void {
  const entry = prepared(db, 'SELECT local_id FROM outbox WHERE id = ?').get(clientId) as
    { local_id: string | null } | undefined;
  if (entry?.local_id && entry.local_id !== serverId) deleteMessage(db, entry.local_id);
}

function unindex(db: Db, seq: number, body: string): void {
  // External-content FTS5 deletes need the values that were indexed.
  prepared(db, "INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', ?, ?)").run(seq, body);
}

/** The newest inbound message of a conversation after `after` (epoch ms), if any. */
export function newestInboundAfter(db: Db, conversationId: string, after: number): Message | null {
  const row = prepared(
    db,
    `SELECT * FROM messages WHERE conversation_id = ? AND direction = 'inbound' AND created_at > ?
     ORDER BY created_at DESC LIMIT 1`,
  ).get(conversationId, after) as MessageRow | undefined;
  return row ? toMessage(row) : null;
}

/** A reply's copy in the cache until the server's copy replaces it: named by its outbox entry. */
const LOCAL_REPLY_PREFIX = 'local-';
export const localReplyId = (actionId: string): string => `${LOCAL_REPLY_PREFIX}${actionId}`;

/**
 * When a message was written. A pending reply still on a rep's screen after the server's copy
 * replaced it in the cache is known by that copy (whose clientId is the reply's action id).
 */
export function messageTime(db: Db, conversationId: string, id: string): number | null {
  const row = prepared(db, 'SELECT created_at FROM messages WHERE id = ?').get(id) as
    { created_at: number } | undefined;
  if (row) return row.created_at;
  if (!id.startsWith(LOCAL_REPLY_PREFIX)) return null;
  const copy = prepared(db, 'SELECT created_at FROM messages WHERE client_id = ? AND conversation_id = ?').get(
    id.slice(LOCAL_REPLY_PREFIX.length),
    conversationId,
  ) as { created_at: number } | undefined;
  return copy?.created_at ?? null;
}
