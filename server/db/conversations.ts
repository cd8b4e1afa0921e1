import type { Channel } from '../../shared/domain/channels';
import type { Conversation, ConversationStatus } from '../../shared/domain/entities';
import { appendChanges } from './changes';
import type { AppendedChanges, NewChange } from './changes';
import { customerChangesForTeam } from './customers';
import { num, numOrNull } from './sql';
import type { Sql } from './sql';

interface ConversationRow {
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
}

const COLUMNS = `id, team_id, customer_id, channel, subject, status, assignee_id, created_at, last_message_at,
  last_message_preview, waiting_since`;

function toConversation(row: ConversationRow): Conversation {
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
  };
}

export async function getConversation(sql: Sql, id: string): Promise<Conversation | null> {
  const rows = await sql.query<ConversationRow>(`select ${COLUMNS} from conversations where id = $1`, [id]);
  return rows[0] ? toConversation(rows[0]) : null;
}

/** The customer's most recent conversation on `channel` that is not closed. */
export async function findOpenConversation(
  sql: Sql,
  customerId: string,
  channel: Channel,
): Promise<Conversation | null> {
  const rows = await sql.query<ConversationRow>(
    `select ${COLUMNS} from conversations
     where customer_id = $1 and channel = $2 and status <> 'closed'
     order by last_message_at desc, id desc limit 1`,
    [customerId, channel],
  );
  return rows[0] ? toConversation(rows[0]) : null;
}

/**
 * Inserts a conversation. When it is the customer's first in its team, the customer and its
 * orders are appended for that team first, so engines learn them before the conversation.
 */
export async function insertConversation(sql: Sql, conversation: Conversation, now: number): Promise<AppendedChanges> {
  return sql.transaction(async (tx) => {
    const seen = await tx.query('select 1 from conversations where customer_id = $1 and team_id = $2 limit 1', [
      conversation.customerId,
      conversation.teamId,
    ]);
    const changes: NewChange[] =
      seen.length === 0 ? await customerChangesForTeam(tx, conversation.customerId, conversation.teamId) : [];
    await tx.query(`insert into conversations (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
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
    ]);
    changes.push({ teamId: conversation.teamId, change: { kind: 'conversation', data: conversation } });
    return appendChanges(tx, changes, now);
  });
}

/** Replaces a conversation's mutable fields. Moving teams is not supported here. */
export async function updateConversation(sql: Sql, conversation: Conversation, now: number): Promise<AppendedChanges> {
  return sql.transaction(async (tx) => {
    const rows = await tx.query(
      `update conversations set channel = $2, subject = $3, status = $4, assignee_id = $5, last_message_at = $6,
         last_message_preview = $7, waiting_since = $8
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
      ],
    );
    if (rows.length === 0) throw new Error(`conversation ${conversation.id} not found in team ${conversation.teamId}`);
    return appendChanges(
      tx,
      [{ teamId: conversation.teamId, change: { kind: 'conversation', data: conversation } }],
      now,
    );
  });
}
