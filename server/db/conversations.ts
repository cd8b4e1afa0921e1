import type { Channel } from '../../shared/domain/channels';
import type { Conversation, ConversationStatus } from '../../shared/domain/entities';
import type { LinkSuggestion } from '../../shared/domain/link-suggestions';
import type { AssignedReason } from '../../shared/domain/routing';
import type { SlaPriority } from '../../shared/domain/sla';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { appendChanges } from './changes';
import type { AppendedChanges, NewChange } from './changes';
import { customerChangesForNewTeam } from './customers';
import { json, num, numOrNull } from './sql';
import type { Sql } from './sql';

export interface ConversationRow {
  id: string;
  team_id: string;
  customer_id: string;
  channel: Channel;
  subject: string | null;
  status: ConversationStatus;
  assignee_id: string | null;
  created_at: string | number;
  last_message_at: string | number;
  last_message_preview: string;
  waiting_since: string | number | null;
  tags: string[];
  snoozed_until: string | number | null;
  link_suggestions: LinkSuggestion[];
  assigned_reason: AssignedReason | null;
  priority: SlaPriority | null;
}

export const CONVERSATION_COLUMNS = `id, team_id, customer_id, channel, subject, status, assignee_id, created_at, last_message_at,
  last_message_preview, waiting_since, tags, snoozed_until, link_suggestions, assigned_reason, priority`;

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    teamId: row.team_id,
    customerId: row.customer_id,
    channel: row.channel,
    subject: row.subject,
    status: row.status,
    assigneeId: row.assignee_id,
    createdAt: num(row.created_at),
    lastMessageAt: num(row.last_message_at),
    lastMessagePreview: row.last_message_preview,
    waitingSince: numOrNull(row.waiting_since),
    tags: row.tags,
    snoozedUntil: numOrNull(row.snoozed_until),
    ...(row.link_suggestions.length > 0 ? { linkSuggestions: row.link_suggestions } : {}),
    ...(row.assigned_reason ? { assignedReason: row.assigned_reason } : {}),
    ...(row.priority ? { priority: row.priority } : {}),
  };
}

/** The column's value: none is an empty array (what the wire leaves out). */
export function suggestionsColumn(conversation: Conversation): string {
  return json(conversation.linkSuggestions ?? []);
}

/** The column's value: none is null (what the wire leaves out). */
export function reasonColumn(conversation: Conversation): string | null {
  return conversation.assignedReason ? json(conversation.assignedReason) : null;
}

/**
 * With `forUpdate` the row stays locked until the transaction ends. Writers that change a
 * conversation lock its row first, before anything else (the change log lock comes last), so
 * they queue on the row instead of deadlocking, and read-modify-write on fresh fields.
 */
export async function getConversation(
  sql: Sql,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Conversation | null> {
  const rows = await sql.query<ConversationRow>(
    `select ${CONVERSATION_COLUMNS} from conversations where id = $1${options.forUpdate ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ? toConversation(rows[0]) : null;
}

/**
 * Locks a conversation row for an action, and says in the same round trip whether the action's
 * id was applied before (a repeat answers the stored result instead of applying it again).
 * Null when the conversation does not exist.
 */
export async function lockConversationForAction(
  tx: Sql,
  id: string,
  actionId: string,
): Promise<{ conversation: Conversation; applied: boolean } | null> {
  const rows = await tx.query<ConversationRow & { applied: boolean }>(
    `select ${CONVERSATION_COLUMNS}, exists (select 1 from applied_actions a where a.id = $2) as applied
     from conversations where id = $1 for update`,
    [id, actionId],
  );
  const row = rows[0];
  return row ? { conversation: toConversation(row), applied: row.applied } : null;
}

/** Locks the conversations among `ids` that exist, in one statement in id order, so two bulk actions never wait on each other in a cycle. */
export async function lockConversations(tx: Sql, ids: readonly string[]): Promise<Map<string, Conversation>> {
  const rows = await tx.query<ConversationRow>(
    `select ${CONVERSATION_COLUMNS} from conversations where id = any($1::text[]) order by id for update`,
    [[...ids]],
  );
  return new Map(rows.map((row) => [row.id, toConversation(row)]));
}

/**
 * The select of a customer's most recent conversation on a channel, whatever its status (a new
 * message reopens a resolved one), in one of the teams of an array parameter (any team when it is
 * null); the parameters are named by their `$n`. Locks the row it returns.
 */
export function latestConversationForUpdate(params: { customerId: string; channel: string; teamIds: string }): string {
  return `select ${CONVERSATION_COLUMNS} from conversations
     where customer_id = ${params.customerId} and channel = ${params.channel}
       and (${params.teamIds}::text[] is null or team_id = any(${params.teamIds}::text[]))
     order by last_message_at desc, id desc limit 1 for update`;
}

/**
 * Inserts a conversation and returns the change rows to append. When it is the customer's first
 * in its team, the customer and its orders come first, so engines learn them before the conversation.
 */
export async function writeNewConversation(tx: Sql, conversation: Conversation): Promise<NewChange[]> {
  const changes = await customerChangesForNewTeam(tx, conversation.customerId, conversation.teamId);
  await tx.query(
    `insert into conversations (${CONVERSATION_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text::jsonb, $13,
       $14::text::jsonb, $15::text::jsonb, $16)`,
    [
      conversation.id,
      conversation.teamId,
      conversation.customerId,
      conversation.channel,
      conversation.subject,
      conversation.status,
      conversation.assigneeId,
      conversation.createdAt,
      conversation.lastMessageAt,
      conversation.lastMessagePreview,
      conversation.waitingSince,
      json(conversation.tags),
      conversation.snoozedUntil,
      suggestionsColumn(conversation),
      reasonColumn(conversation),
      conversation.priority ?? null,
    ],
  );
  changes.push({ teamId: conversation.teamId, change: { kind: 'conversation', data: conversation } });
  return changes;
}

/** Inserts a conversation and appends its change rows (see writeNewConversation), as the server's own change. */
export async function insertConversation(sql: Sql, conversation: Conversation, now: number): Promise<AppendedChanges> {
  return sql.transaction(async (tx) =>
    appendChanges(tx, await writeNewConversation(tx, conversation), now, {
      actor: SYSTEM_ACTOR,
      type: 'conversation_created',
    }),
  );
}

/**
 * Replaces a conversation's mutable fields and returns the change row to append. Moving teams is
 * not supported here. Callers read the conversation with `forUpdate` in the same transaction.
 */
export async function updateConversation(tx: Sql, conversation: Conversation): Promise<NewChange[]> {
  const rows = await tx.query(
    `update conversations set channel = $2, subject = $3, status = $4, assignee_id = $5, last_message_at = $6,
       last_message_preview = $7, waiting_since = $8, tags = $10::text::jsonb, snoozed_until = $11,
       link_suggestions = $12::text::jsonb, assigned_reason = $13::text::jsonb, priority = $14
     where id = $1 and team_id = $9 returning id`,
    [
      conversation.id,
      conversation.channel,
      conversation.subject,
      conversation.status,
      conversation.assigneeId,
      conversation.lastMessageAt,
      conversation.lastMessagePreview,
      conversation.waitingSince,
      conversation.teamId,
      json(conversation.tags),
      conversation.snoozedUntil,
      suggestionsColumn(conversation),
      reasonColumn(conversation),
      conversation.priority ?? null,
    ],
  );
  if (rows.length === 0) throw new Error(`conversation ${conversation.id} not found in team ${conversation.teamId}`);
  return [{ teamId: conversation.teamId, change: { kind: 'conversation', data: conversation } }];
}

/** Ids of snoozed conversations due by `now`, the longest-due first. */
export async function listDueSnoozed(sql: Sql, now: number, limit: number): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `select id from conversations where status = 'snoozed' and snoozed_until <= $1 order by snoozed_until limit $2`,
    [now, limit],
  );
  return rows.map((row) => row.id);
}
