// What each rep has read: a conversation is unread for a rep while it holds an inbound message
// newer than the last one they saw in it (conversation_reads, migration 013).
import type { UnreadConversation } from '../../../shared/api';
import { getMeta, setMeta } from './meta';
import type { Db } from './open';
import { SUMMARY_COLUMNS, toSummary } from './rows';
import type { ConversationRow } from './rows';
import { prepared } from './statements';

/**
 * When the rep first used this cache (set on first call, from `now`): inbound messages from before
 * count as read, so a first sync does not bring in every conversation of the team as unread.
 */
export function readsSince(db: Db, userId: string, now: number): number {
  const raw = getMeta(db, 'reads_since');
  const all = raw === null ? {} : (JSON.parse(raw) as Record<string, number>);
  const since = all[userId];
  if (since !== undefined) return since;
  setMeta(db, 'reads_since', JSON.stringify({ ...all, [userId]: now }));
  return now;
}

/**
 * The rep's unread conversations, newest inbound message first: assigned to them, or unassigned
 * in one of their teams. Only conversations active since `since` can be unread, so this reads an
 * index range of recent conversations, not the whole inbox.
 */
export function listUnread(db: Db, userId: string, teamIds: readonly string[], since: number): UnreadConversation[] {
  const teams = teamIds.map(() => '?').join(', ');
  const scope =
    teamIds.length > 0
      ? `(c.assignee_id = ? OR (c.assignee_id IS NULL AND c.team_id IN (${teams})))`
      : 'c.assignee_id = ?';
  const rows = prepared(
    db,
    `SELECT ${SUMMARY_COLUMNS},
       (SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound')
         AS last_inbound_at,
       (SELECT r.seen_at FROM conversation_reads r WHERE r.user_id = ? AND r.conversation_id = c.id) AS seen_at
     FROM conversations c
     WHERE c.last_message_at > ? AND ${scope}`,
  ).all(userId, since, userId, ...teamIds) as (ConversationRow & {
    last_inbound_at: number | null;
    seen_at: number | null;
  })[];
  return rows
    .filter((row) => row.last_inbound_at !== null && row.last_inbound_at > Math.max(row.seen_at ?? since, since))
    .sort((a, b) => (b.last_inbound_at ?? 0) - (a.last_inbound_at ?? 0) || (a.id < b.id ? -1 : 1))
    .map((row) => ({ conversation: toSummary(row), lastInboundAt: row.last_inbound_at ?? 0 }));
}

/** The rep opened the conversation: everything inbound in it so far is read. */
export function markRead(db: Db, userId: string, conversationId: string): void {
  prepared(
    db,
    `INSERT INTO conversation_reads (user_id, conversation_id, seen_at)
     SELECT ?, ?, coalesce(max(created_at), 0) FROM messages WHERE conversation_id = ? AND direction = 'inbound'
     ON CONFLICT (user_id, conversation_id) DO UPDATE SET seen_at = max(seen_at, excluded.seen_at)`,
  ).run(userId, conversationId, conversationId);
}
