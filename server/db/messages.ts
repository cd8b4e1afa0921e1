import type { Channel } from '../../shared/domain/channels';
import type { Message, MessageStatus } from '../../shared/domain/entities';
import type { NewChange } from './changes';
import { num } from './sql';
import type { Sql } from './sql';

interface MessageRow {
  id: string;
  conversation_id: string;
  channel: Channel;
  direction: Message['direction'];
  author_id: string | null;
  body: string;
  created_at: string | number;
  status: MessageStatus;
  client_id: string | null;
}

export const MESSAGE_COLUMNS =
  'id, conversation_id, channel, direction, author_id, body, created_at, status, client_id';

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel,
    direction: row.direction,
    authorId: row.author_id,
    body: row.body,
    createdAt: num(row.created_at),
    status: row.status,
    clientId: row.client_id,
  };
}

type InsertMessageResult =
  { inserted: true; message: Message; change: NewChange } | { inserted: false; message: Message };

/**
 * Inserts a message and returns its change row (for `teamId`) to append. A message whose
 * `clientId` (or `providerMessageId`) is already stored is not written again: the stored one is returned.
 */
export async function insertMessage(
  sql: Sql,
  message: Message,
  teamId: string,
  providerMessageId: string | null = null,
): Promise<InsertMessageResult> {
  const rows = await sql.query<{ id: string }>(
    `insert into messages (${MESSAGE_COLUMNS}, provider_message_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict do nothing returning id`,
    [
      message.id,
      message.conversationId,
      message.channel,
      message.direction,
      message.authorId,
      message.body,
      message.createdAt,
      message.status,
      message.clientId,
      providerMessageId,
    ],
  );
  if (rows.length === 0) {
    const existing =
      (message.clientId !== null ? await findMessageByClientId(sql, message.clientId) : null) ??
      (providerMessageId !== null ? await findMessageByProviderId(sql, message.channel, providerMessageId) : null) ??
      (await getMessage(sql, message.id));
    if (!existing) throw new Error(`message ${message.id} conflicted but cannot be found`);
    return { inserted: false, message: existing };
  }
  return { inserted: true, message, change: { teamId, change: { kind: 'message', data: message } } };
}

async function getMessage(sql: Sql, id: string): Promise<Message | null> {
  const rows = await sql.query<MessageRow>(`select ${MESSAGE_COLUMNS} from messages where id = $1`, [id]);
  return rows[0] ? toMessage(rows[0]) : null;
}

export async function findMessageByClientId(sql: Sql, clientId: string): Promise<Message | null> {
  const rows = await sql.query<MessageRow>(`select ${MESSAGE_COLUMNS} from messages where client_id = $1`, [clientId]);
  return rows[0] ? toMessage(rows[0]) : null;
}

/** Provider message ids are unique per channel only. */
export async function findMessageByProviderId(
  sql: Sql,
  channel: Channel,
  providerMessageId: string,
): Promise<Message | null> {
  const rows = await sql.query<MessageRow>(
    `select ${MESSAGE_COLUMNS} from messages where channel = $1 and provider_message_id = $2`,
    [channel, providerMessageId],
  );
  return rows[0] ? toMessage(rows[0]) : null;
}

export async function listMessages(sql: Sql, conversationId: string): Promise<Message[]> {
  const rows = await sql.query<MessageRow>(
    `select ${MESSAGE_COLUMNS} from messages where conversation_id = $1 order by created_at, id`,
    [conversationId],
  );
  return rows.map(toMessage);
}
