// The optimistic path of a rep action: one read, then one statement that writes everything only
// if the conversation is as it was read. A single statement commits on its own, atomically, so
// an action costs two round trips instead of a transaction's seven.
import type { Conversation, Message, Note } from '../../shared/domain/entities';
import type { ActionResult, ActionType } from '../../shared/sync/actions';
import type { StoredAction } from './applied-actions';
import { auditedKinds } from './audit';
import { changeLogCtes, changeRowsParam } from './changes';
import type { NewChange } from './changes';
import { CONVERSATION_COLUMNS, reasonColumn, suggestionsColumn, toConversation } from './conversations';
import type { ConversationRow } from './conversations';
import { MESSAGE_COLUMNS } from './messages';
import { NOTE_COLUMNS } from './notes';
import { enqueueSendCte } from './outbound';
import { json } from './sql';
import type { Sql } from './sql';

export interface ActionRead {
  conversation: Conversation | null;
  /** The result stored under this action id, when it was applied before. */
  applied: StoredAction | null;
}

/** The conversation an action names and whether the action id was applied, in one round trip. */
export async function readForAction(sql: Sql, conversationId: string, actionId: string): Promise<ActionRead> {
  const rows = await sql.query<
    Partial<ConversationRow> & { applied_user: string | null; applied_result: ActionResult | null }
  >(
    `select ${CONVERSATION_COLUMNS.replace(/(\w+)/g, 'c.$1')}, a.user_id as applied_user, a.result as applied_result
     from (select 1) as one
     left join conversations c on c.id = $1
     left join applied_actions a on a.id = $2`,
    [conversationId, actionId],
  );
  const row = rows[0];
  return {
    conversation: row?.id ? toConversation(row as ConversationRow) : null,
    applied: row?.applied_user && row.applied_result ? { userId: row.applied_user, result: row.applied_result } : null,
  };
}

export interface ActionWrite {
  /** The conversation as read: nothing is written unless the row still holds exactly these values. */
  seen: Conversation;
  /** Its new values, or null when the action leaves it as it is (the row is then only locked). */
  next: Conversation | null;
  message: Message | null;
  note: Note | null;
  /** The change rows to append, in order. */
  changes: readonly NewChange[];
  action: { id: string; userId: string; type: ActionType; result: Omit<ActionResult, 'seq'> };
  now: number;
}

/**
 * Writes the reply or note, the conversation, the change rows and the action id with its result
 * in one statement, if the conversation row still holds `seen`. Returns the highest seq written
 * (0 when the action appended no change), or null when the row changed or went meanwhile: nothing
 * was written, read again. A repeated action id or reply id fails with a unique violation
 * (SQLSTATE 23505), also with nothing written.
 *
 * Lock order as in every writer: the conversation row (the update, or `for update`), then the
 * change log; rows get their seq only after the change-log lock is held.
 */
export async function writeActionIfUnchanged(sql: Sql, write: ActionWrite): Promise<number | null> {
  const { seen, next, message, note, action, now } = write;
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const id = p(seen.id);
  const unchanged = `id = ${id} and (${CAS_COLUMNS}) is not distinct from (${[
    `${p(seen.teamId)}::text`,
    `${p(seen.customerId)}::text`,
    `${p(seen.channel)}::text`,
    `${p(seen.subject)}::text`,
    `${p(seen.status)}::text`,
    `${p(seen.assigneeId)}::text`,
    `${p(seen.createdAt)}::bigint`,
    `${p(seen.lastMessageAt)}::bigint`,
    `${p(seen.lastMessagePreview)}::text`,
    `${p(seen.waitingSince)}::bigint`,
    `${p(json(seen.tags))}::text::jsonb`,
    `${p(seen.snoozedUntil)}::bigint`,
    `${p(suggestionsColumn(seen))}::text::jsonb`,
    `${p(seen.priority ?? null)}::text`,
  ].join(', ')})`;
  const conv = next
    ? `update conversations set status = ${p(next.status)}, assignee_id = ${p(next.assigneeId)},
         last_message_at = ${p(next.lastMessageAt)}, last_message_preview = ${p(next.lastMessagePreview)},
         waiting_since = ${p(next.waitingSince)}, tags = ${p(json(next.tags))}::text::jsonb,
         snoozed_until = ${p(next.snoozedUntil)}, link_suggestions = ${p(suggestionsColumn(next))}::text::jsonb,
         assigned_reason = ${p(reasonColumn(next))}::text::jsonb, priority = ${p(next.priority ?? null)}
       where ${unchanged} returning id`
    : `select id from conversations where ${unchanged} for update`;
  const written: string[] = [];
  if (message) {
    written.push(`msg as (
      insert into messages (${MESSAGE_COLUMNS})
      select ${[message.id, message.conversationId, message.channel, message.direction, message.authorId, message.body]
        .map(p)
        .join(', ')}, ${p(message.createdAt)}::bigint, ${p(message.status)}, ${p(message.clientId)},
        ${p(message.suggestion ?? null)}::text from conv
      returning id)`);
    // A reply a provider sends is queued in the same statement (services/outbound.ts).
    if (message.status === 'pending') written.push(enqueueSendCte(p(message.id), p(message.createdAt), 'msg'));
  }
  if (note) {
    written.push(`note as (
      insert into notes (${NOTE_COLUMNS})
      select ${p(note.id)}, ${p(note.conversationId)}, ${p(note.authorId)}, ${p(note.body)}, ${p(note.createdAt)}::bigint,
        ${p(note.clientId)} from conv)`);
  }
  const changes = p(changeRowsParam(write.changes, action.id));
  const at = p(now);
  const actionId = p(action.id);
  const audit = { actor: p(action.userId), type: p(action.type) };
  const rows = await sql.query<{ seq: string | number }>(
    `with conv as (${conv}),
     ${written.map((cte) => `${cte},`).join('\n')}
     ${changeLogCtes(changes, at, { actionId: true, after: 'conv', audit, kinds: auditedKinds(write.changes) })},
     app as (
       insert into applied_actions (id, user_id, conversation_id, type, seq, result, created_at)
       select ${actionId}, ${p(action.userId)}, ${id}, ${p(action.type)}, s.seq,
         jsonb_set(${p(json({ ...action.result, seq: 0 }))}::text::jsonb, '{seq}', to_jsonb(s.seq)), ${at}::bigint
       from conv, (select coalesce(max(seq), 0) as seq from ch) as s
       returning seq
     )
     select seq from app`,
    params,
  );
  const row = rows[0];
  return row ? Number(row.seq) : null;
}

const CAS_COLUMNS = `team_id, customer_id, channel, subject, status, assignee_id, created_at, last_message_at,
  last_message_preview, waiting_since, tags, snoozed_until, link_suggestions, priority`;
