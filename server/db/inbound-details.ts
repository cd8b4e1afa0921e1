import type { Sql } from './sql';

/** What a provider said about an inbound message beyond its text (migration 007). */
export interface InboundDetails {
  /** The brand's account the message reached (a number, a page, an address). */
  account: string;
  kind: 'direct' | 'mention';
  sentAt: number | null;
  subject: string | null;
  thread: Record<string, string | string[]>;
  media: ReadonlyArray<{
    url: string | null;
    providerMediaId: string | null;
    contentType: string;
    size: number | null;
    filename: string | null;
  }>;
}

export async function insertInboundDetails(sql: Sql, messageId: string, details: InboundDetails): Promise<void> {
  await sql.query(
    `insert into inbound_details (message_id, account, kind, sent_at, subject, thread, media)
     values ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)`,
    [
      messageId,
      details.account,
      details.kind,
      details.sentAt,
      details.subject,
      JSON.stringify(details.thread),
      JSON.stringify(details.media),
    ],
  );
}
