import type { Channel } from '../../shared/domain/channels';
import type { Sql } from './sql';

// What webhook tests (server/channels) read back from storage.

interface StoredMessage {
  body: string;
  direction: string;
  status: string;
  status_error_code: string | null;
  customer_id: string;
  team_id: string;
  subject: string | null;
}

/** Messages stored under a provider id, with their conversation's customer and team. */
export async function storedMessages(sql: Sql, channel: Channel, providerMessageId: string): Promise<StoredMessage[]> {
  return sql.query<StoredMessage>(
    `select m.body, m.direction, m.status, m.status_error_code, c.customer_id, c.team_id, c.subject
     from messages m join conversations c on c.id = m.conversation_id
     where m.channel = $1 and m.provider_message_id = $2`,
    [channel, providerMessageId],
  );
}

/** What an inbound message's provider said beyond its text (inbound_details). */
export async function storedDetails(sql: Sql, channel: Channel, providerMessageId: string): Promise<unknown> {
  const rows = await sql.query(
    `select d.account, d.kind, d.sent_at::float8 as sent_at, d.subject, d.thread, d.media
     from inbound_details d join messages m on m.id = d.message_id
     where m.channel = $1 and m.provider_message_id = $2`,
    [channel, providerMessageId],
  );
  return rows[0];
}

/** Rows in the tables a delivery writes to: equal before and after means nothing was stored. */
export async function storeCounts(sql: Sql): Promise<unknown> {
  return (
    await sql.query(
      `select (select count(*) from messages)::int as messages, (select count(*) from customers)::int as customers,
        (select count(*) from changes)::int as changes, (select count(*) from inbound_details)::int as details`,
    )
  )[0];
}
