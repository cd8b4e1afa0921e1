import type { Migration } from './types';

/**
 * Provider message ids are unique per channel only (an SMS id and a WhatsApp id may be equal), and
 * sessions are found by expiry when sign-in drops the long-expired ones.
 */
export const migration002: Migration = {
  version: 2,
  name: 'provider_ids_per_channel',
  sql: `
    alter table messages drop constraint messages_provider_message_id_key;
    create unique index messages_channel_provider_message on messages (channel, provider_message_id)
      where provider_message_id is not null;
    create index sessions_expires_at on sessions (expires_at);
  `,
};
