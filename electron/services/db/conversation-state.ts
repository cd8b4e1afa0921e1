// A conversation as the rep sees it: the server's copy with this rep's outbox applied on top.
import type { Conversation } from '../../../shared/domain';
import { Action } from '../../../shared/sync';
import { applyToConversation } from '../../../shared/sync';
import type { Db } from './open';
import { CONVERSATION_COLUMNS, toConversation } from './rows';
import type { ConversationRow, ListExtra } from './rows';
import { prepared } from './statements';
import { deleteDraftsOf } from './drafts';

interface CountKey {
  team_id: string;
  assignee_id: string;
  channel: string;
  status: string;
}

/** Moves one conversation in or out of the totals (its own assignee and '*', any assignee). */
function adjustCount(db: Db, key: CountKey, delta: number): void {
  const statement = prepared(
    db,
    `INSERT INTO conversation_counts (team_id, assignee_id, channel, status, n) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  );
  statement.run(key.team_id, key.assignee_id, key.channel, key.status, delta);
  statement.run(key.team_id, '*', key.channel, key.status, delta);
}

/**
 * The list's handle for a customer on a channel: an identity that channel answers through (a phone
 * for SMS and WhatsApp, whichever channel it was first seen on), else any, else the email.
 */
export const HANDLE_FOR = (customer: string, channel: string) => `coalesce(
  (SELECT display FROM identities WHERE customer_id = ${customer}
     AND (channel = ${channel} OR (kind = 'phone' AND ${channel} IN ('sms', 'whatsapp')))
   ORDER BY channel <> ${channel}, id LIMIT 1),
  (SELECT display FROM identities WHERE customer_id = ${customer} ORDER BY id LIMIT 1),
  (SELECT email FROM customers WHERE id = ${customer}),
  '')`;

/**
 * Writes the columns the inbox reads (and the totals); customer name and handle are looked up
 * from the cache. `server` says what the server's own copy is: given, it is stored with its seq;
 * omitted, the stored copy stays (a local action changed the view).
 */
function writeColumns(db: Db, conversation: Conversation, server?: { doc: Conversation | null; seq: number }): void {
  const old = prepared(
    db,
    "SELECT team_id, coalesce(assignee_id, '') AS assignee_id, channel, status, customer_id FROM conversations WHERE id = ?",
  ).get(conversation.id) as (CountKey & { customer_id: string }) | undefined;
  const key: CountKey = {
    team_id: conversation.teamId,
    assignee_id: conversation.assigneeId ?? '',
    channel: conversation.channel,
    status: conversation.status,
  };
  if (
    !old ||
    old.team_id !== key.team_id ||
    old.assignee_id !== key.assignee_id ||
    old.channel !== key.channel ||
    old.status !== key.status
  ) {
    if (old) adjustCount(db, old, -1);
    adjustCount(db, key, 1);
  }
  const params = {
    id: conversation.id,
    teamId: conversation.teamId,
    customerId: conversation.customerId,
    channel: conversation.channel,
    subject: conversation.subject,
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    createdAt: conversation.createdAt,
    lastMessageAt: conversation.lastMessageAt,
    lastMessagePreview: conversation.lastMessagePreview,
    waitingSince: conversation.waitingSince,
    tags: JSON.stringify(conversation.tags),
    snoozedUntil: conversation.snoozedUntil,
    linkSuggestions: JSON.stringify(conversation.linkSuggestions ?? []),
    assignedReason: conversation.assignedReason ? JSON.stringify(conversation.assignedReason) : null,
    priority: conversation.priority ?? null,
  };
  // The same customer on the same channel keeps its name and handle: a plain update (most of a catch-up).
  if (!server || (old && old.customer_id === conversation.customerId && old.channel === conversation.channel)) {
    const serverColumns = server ? ', server_doc = @serverDoc, server_seq = @serverSeq' : '';
    prepared(
      db,
      `UPDATE conversations SET team_id = @teamId, customer_id = @customerId, channel = @channel, subject = @subject,
         status = @status, assignee_id = @assigneeId, created_at = @createdAt, last_message_at = @lastMessageAt,
         last_message_preview = @lastMessagePreview, waiting_since = @waitingSince, tags = @tags,
         snoozed_until = @snoozedUntil, link_suggestions = @linkSuggestions, assigned_reason = @assignedReason,
         priority = @priority${serverColumns}
       WHERE id = @id`,
    ).run(server ? { ...params, ...serverParams(server) } : params);
    return;
  }
  prepared(
    db,
    `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
       last_message_at, last_message_preview, waiting_since, tags, snoozed_until, link_suggestions, assigned_reason,
       priority, server_doc, server_seq, customer_name, customer_handle)
     VALUES (@id, @teamId, @customerId, @channel, @subject, @status, @assigneeId, @createdAt,
       @lastMessageAt, @lastMessagePreview, @waitingSince, @tags, @snoozedUntil, @linkSuggestions, @assignedReason,
       @priority, @serverDoc, @serverSeq,
       coalesce((SELECT name FROM customers WHERE id = @customerId), ''),
       ${HANDLE_FOR('@customerId', '@channel')})
     ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, customer_id = excluded.customer_id,
       channel = excluded.channel, subject = excluded.subject, status = excluded.status,
       assignee_id = excluded.assignee_id, created_at = excluded.created_at,
       last_message_at = excluded.last_message_at, last_message_preview = excluded.last_message_preview,
       waiting_since = excluded.waiting_since, tags = excluded.tags, snoozed_until = excluded.snoozed_until,
       link_suggestions = excluded.link_suggestions, assigned_reason = excluded.assigned_reason,
       priority = excluded.priority, server_doc = excluded.server_doc, server_seq = excluded.server_seq,
       customer_name = excluded.customer_name, customer_handle = excluded.customer_handle`,
  ).run({ ...params, ...serverParams(server) });
}

function serverParams(server: { doc: Conversation | null; seq: number }) {
  return { serverDoc: server.doc === null ? null : JSON.stringify(server.doc), serverSeq: server.seq };
}

/** Conversations with actions that still change how they look (pending, or acked but not yet pulled). */
export function conversationsWithLocalActions(db: Db): Set<string> {
  const rows = prepared(
    db,
    `SELECT DISTINCT t.conversation_id FROM outbox_targets t JOIN outbox o ON o.id = t.action_id
     WHERE o.state IN ('pending', 'acked')`,
  )
    .pluck()
    .all() as string[];
  return new Set(rows);
}

/**
 * Stores the server's copy of a conversation (change `seq`). Without local actions on it the
 * columns are that copy; with some, the copy is kept aside and the actions applied on top.
 */
export function storeServerConversation(db: Db, conversation: Conversation, seq: number, hasLocal: boolean): void {
  if (!hasLocal) {
    writeColumns(db, conversation, { doc: null, seq });
    return;
  }
  writeColumns(db, conversation, { doc: conversation, seq });
  rebaseConversation(db, conversation.id);
}

interface StateRow extends Omit<ConversationRow, ListExtra> {
  server_doc: string | null;
  server_seq: number;
}

/** The server's copy of a conversation and its seq; null when it is not in the cache. */
function serverCopy(db: Db, id: string): { conversation: Conversation; seq: number; kept: boolean } | null {
  const row = prepared(
    db,
    `SELECT ${CONVERSATION_COLUMNS}, server_doc, server_seq FROM conversations WHERE id = ?`,
  ).get(id) as StateRow | undefined;
  if (!row) return null;
  // No copy kept aside: no local action has changed the columns, so they are the server's.
  const conversation = row.server_doc === null ? toConversation(row) : (JSON.parse(row.server_doc) as Conversation);
  return { conversation, seq: row.server_seq, kept: row.server_doc !== null };
}

/**
 * Recomputes the columns: the server's copy, then every pending action on it in outbox order,
 * then those acked whose change the server's copy does not include yet. Keeps the server's copy
 * aside while any such action remains, and lets it go after.
 */
export function rebaseConversation(db: Db, id: string): void {
  const copy = serverCopy(db, id);
  if (!copy) return;
  const entries = prepared(
    db,
    `SELECT o.payload, o.created_at FROM outbox_targets t JOIN outbox o ON o.id = t.action_id
     WHERE t.conversation_id = ? AND (o.state = 'pending' OR (o.state = 'acked' AND o.ack_seq > ?)) ORDER BY o.seq`,
  ).all(id, copy.seq) as { payload: string; created_at: number }[];
  const view = entries.reduce(
    (conversation, entry) =>
      applyToConversation(conversation, Action.parse(JSON.parse(entry.payload)), entry.created_at),
    copy.conversation,
  );
  if (entries.length === 0 && !copy.kept) return;
  writeColumns(db, view);
  prepared(db, 'UPDATE conversations SET server_doc = ? WHERE id = ?').run(
    entries.length > 0 ? JSON.stringify(copy.conversation) : null,
    id,
  );
}

/** The seq of the server's copy of a conversation (0 when unknown). */
export function serverSeqOf(db: Db, id: string): number {
  const row = prepared(db, 'SELECT server_seq FROM conversations WHERE id = ?').get(id) as
    { server_seq: number } | undefined;
  return row?.server_seq ?? 0;
}

/**
 * Drops a conversation this user may no longer see: the row, its totals, notes and the rep's drafts (its messages
 * go first, with their search index rows: deletions.ts). Returns whether it was in the cache.
 */
export function dropConversation(db: Db, id: string): boolean {
  const old = prepared(
    db,
    "SELECT team_id, coalesce(assignee_id, '') AS assignee_id, channel, status FROM conversations WHERE id = ?",
  ).get(id) as CountKey | undefined;
  prepared(db, 'DELETE FROM notes WHERE conversation_id = ?').run(id);
  deleteDraftsOf(db, id);
  if (!old) return false;
  adjustCount(db, old, -1);
  prepared(db, 'DELETE FROM conversations WHERE id = ?').run(id);
  return true;
}
