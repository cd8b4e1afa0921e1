import type { Channel } from '../../shared/domain/channels';
import type { Attachment, Message, MessageStatus } from '../../shared/domain/entities';
import type { NewChange } from './changes';
import type { InboundDetails } from './inbound-details';
import { json, num } from './sql';
import type { Sql } from './sql';

export interface MessageRow {
  id: string;
  conversation_id: string;
  channel: Channel;
  direction: Message['direction'];
  author_id: string | null;
  body: string;
  created_at: string | number;
  status: MessageStatus;
  client_id: string | null;
  suggestion?: Message['suggestion'] | null;
  /** What came with it (`inbound_details.media`), read with MESSAGE_SELECT. */
  media?: Attachment[] | string | null;
}

export const MESSAGE_COLUMNS =
  'id, conversation_id, channel, direction, author_id, body, created_at, status, client_id, suggestion';

/** A message row as read: its columns and the media an inbound one came with. */
export const MESSAGE_SELECT = `${MESSAGE_COLUMNS},
  (select d.media from inbound_details d where d.message_id = messages.id) as media`;

export function toMessage(row: MessageRow): Message {
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
    ...(row.suggestion ? { suggestion: row.suggestion } : {}),
    ...attachmentsOf(row.media),
  };
}

function attachmentsOf(media: MessageRow['media']): Pick<Message, 'attachments'> {
  const attachments = typeof media === 'string' ? (JSON.parse(media) as Attachment[]) : media;
  return attachments?.length ? { attachments } : {};
}

type InsertMessageResult =
  { inserted: true; message: Message; change: NewChange } | { inserted: false; message: Message };

/**
 * Inserts a message and returns its change row (for `teamId`) to append. A message whose
 * `clientId` (or `providerMessageId`) is already stored is not written again: the stored one is returned.
 * An inbound message's `details` (what the provider said beyond its text, migration 007) are written
 * by the same statement, and only with a message it wrote.
 */
export async function insertMessage(
  sql: Sql,
  message: Message,
  teamId: string,
  providerMessageId: string | null = null,
  details: InboundDetails | null = null,
): Promise<InsertMessageResult> {
  const values = [
    message.id,
    message.conversationId,
    message.channel,
    message.direction,
    message.authorId,
    message.body,
    message.createdAt,
    message.status,
    message.clientId,
    message.suggestion ?? null,
    providerMessageId,
  ];
  const insert = `insert into messages (${MESSAGE_COLUMNS}, provider_message_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict do nothing returning id`;
  const rows = details
    ? await sql.query<{ id: string }>(
        // The details' foreign key is checked at the end of the statement, when the message row is there.
        `with m as (${insert}),
         d as (
           insert into inbound_details (message_id, account, kind, sent_at, subject, thread, media, identity_id)
           select m.id, $12, $13, $14, $15, $16::text::jsonb, $17::text::jsonb, $18 from m
         )
         select id from m`,
        [
          ...values,
          details.account,
          details.kind,
          details.sentAt,
          details.subject,
          json(details.thread),
          json(details.media),
          details.identityId,
        ],
      )
    : await sql.query<{ id: string }>(insert, values);
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
  const rows = await sql.query<MessageRow>(`select ${MESSAGE_SELECT} from messages where id = $1`, [id]);
  return rows[0] ? toMessage(rows[0]) : null;
}

export async function findMessageByClientId(sql: Sql, clientId: string): Promise<Message | null> {
  const rows = await sql.query<MessageRow>(`select ${MESSAGE_SELECT} from messages where client_id = $1`, [clientId]);
  return rows[0] ? toMessage(rows[0]) : null;
}

/** Provider message ids are unique per channel only. */
export async function findMessageByProviderId(
  sql: Sql,
  channel: Channel,
  providerMessageId: string,
): Promise<Message | null> {
  const rows = await sql.query<MessageRow>(
    `select ${MESSAGE_SELECT} from messages where channel = $1 and provider_message_id = $2`,
    [channel, providerMessageId],
  );
  return rows[0] ? toMessage(rows[0]) : null;
}

export async function listMessages(sql: Sql, conversationId: string): Promise<Message[]> {
  const rows = await sql.query<MessageRow>(
    `select ${MESSAGE_SELECT} from messages where conversation_id = $1 order by created_at, id`,
    [conversationId],
  );
  return rows.map(toMessage);
}

/** The message a provider reports on, locked until the transaction ends (a status update reads, then writes it). */
export async function lockMessageByProviderId(
  tx: Sql,
  channel: Channel,
  providerMessageId: string,
): Promise<(Message & { teamId: string }) | null> {
  const rows = await tx.query<MessageRow & { team_id: string }>(
    `select ${MESSAGE_SELECT}, (select team_id from conversations where id = messages.conversation_id) as team_id
     from messages where channel = $1 and provider_message_id = $2 for update`,
    [channel, providerMessageId],
  );
  const row = rows[0];
  return row ? { ...toMessage(row), teamId: row.team_id } : null;
}

/** Sets a message's delivery status (with the provider's error when it failed); returns its change row. */
export async function updateMessageStatus(
  tx: Sql,
  message: Message,
  teamId: string,
  status: MessageStatus,
  error: { code: string; text: string } | null,
): Promise<NewChange> {
  await tx.query('update messages set status = $2, status_error_code = $3, status_error = $4 where id = $1', [
    message.id,
    status,
    error?.code ?? null,
    error?.text ?? null,
  ]);
  const { statusError: _earlier, ...rest } = message;
  const data: Message = status === 'failed' && error ? { ...rest, status, statusError: error } : { ...rest, status };
  return { teamId, change: { kind: 'message', data } };
}
