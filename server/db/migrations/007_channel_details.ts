import type { Migration } from './types';

/**
 * What a provider said about a message beyond its text: for an inbound one, the brand account it
 * reached, whether it was a direct message or a public mention, when the provider says it was
 * sent, the email subject, its thread references and its media by reference (url or provider id,
 * type, size, file name: never the bytes); for an outbound one, the error a provider gave when it
 * reported the message failed. None of it is synced yet.
 */
export const migration007: Migration = {
  version: 7,
  name: 'channel_details',
  sql: `
    create table inbound_details (
      message_id text primary key references messages (id) on delete cascade,
      account text not null,
      kind text not null check (kind in ('direct', 'mention')),
      sent_at bigint,
      subject text,
      thread jsonb not null,
      media jsonb not null
    );

    alter table messages add column status_error_code text;
    alter table messages add column status_error text;
  `,
};
