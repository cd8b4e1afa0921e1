import type { Migration } from './types';

/**
 * The brand's accounts on each channel (a Twilio number, a WhatsApp phone number id, a page, an X
 * account, a support address) and the team that answers each: an inbound message opens its
 * conversation in the team of the account it reached. A conversation records the account it talks
 * to, so a reply can go back the way the message came. `account` is as the provider names it
 * (email addresses lower-cased).
 */
export const migration008: Migration = {
  version: 8,
  name: 'channel_accounts',
  sql: `
    create table channel_accounts (
      id text primary key,
      channel text not null,
      account text not null,
      display_name text not null,
      team_id text not null references teams (id),
      created_at bigint not null,
      constraint channel_accounts_channel_account unique (channel, account)
    );
    create index channel_accounts_team on channel_accounts (team_id);

    alter table conversations add column channel_account_id text references channel_accounts (id) on delete set null;
  `,
};
