import type { Migration } from './types';

/**
 * The durable send job of each reply waiting for its provider: `queued` until due
 * (`next_attempt_at`, later after each retryable failure), `sending` while one server process
 * has claimed it (`for update skip locked`) and is calling the provider. The row goes once the
 * reply is sent or has failed for good; the message keeps the provider's id or error.
 */
export const migration011: Migration = {
  version: 11,
  name: 'outbound_sends',
  sql: `
    create table outbound_sends (
      message_id text primary key references messages (id) on delete cascade,
      state text not null check (state in ('queued', 'sending')),
      attempts integer not null default 0,
      next_attempt_at bigint not null,
      claimed_at bigint,
      last_error_code text,
      last_error text,
      created_at bigint not null
    );
    create index outbound_sends_due on outbound_sends (next_attempt_at) where state = 'queued';
    create index outbound_sends_claimed on outbound_sends (claimed_at) where state = 'sending';
  `,
};
