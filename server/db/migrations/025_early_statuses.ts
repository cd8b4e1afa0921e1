import type { Migration } from './types';

/**
 * A provider may report on a reply before Caredesk has recorded the provider's id for it (the
 * status callback races the send's answer): the report waits here, the most advanced one per
 * message, and is applied when the send is recorded (`services/outbound.ts`); one nobody claims is
 * dropped after a day.
 */
export const migration025: Migration = {
  version: 25,
  name: 'early_statuses',
  sql: `
    create table early_statuses (
      channel text not null,
      provider_message_id text not null,
      status text not null,
      error_code text,
      error_text text,
      received_at bigint not null,
      primary key (channel, provider_message_id)
    );
    create index early_statuses_received on early_statuses (received_at);
  `,
};
