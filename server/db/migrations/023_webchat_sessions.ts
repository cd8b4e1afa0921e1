import type { Migration } from './types';

/**
 * Web-chat visitors (`server/webchat/`): a session is the opaque token a shop's chat window keeps
 * (only its SHA-256 is stored), naming the visitor id their messages come from on one widget.
 * `inbound_details.identity_id` is indexed so a returning visitor's thread is read without a scan.
 */
export const migration023: Migration = {
  version: 23,
  name: 'webchat_sessions',
  sql: `
    create table webchat_sessions (
      token_hash text primary key,
      widget text not null,
      visitor_id text not null,
      created_at bigint not null,
      seen_at bigint not null
    );
    create index inbound_details_identity on inbound_details (identity_id) where identity_id is not null;
  `,
};
