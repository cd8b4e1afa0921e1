import type { Migration } from './types';

/** Teams, accounts, sessions, customers, orders, conversations, messages and the change log. */
export const migration001: Migration = {
  version: 1,
  name: 'init',
  sql: `
    create table teams (
      id text primary key,
      name text not null,
      created_at bigint not null
    );

    create table users (
      id text primary key,
      name text not null,
      email text not null unique,
      role text not null check (role in ('rep', 'lead', 'admin')),
      password_salt text not null,
      password_hash text not null,
      created_at bigint not null
    );

    create table team_members (
      team_id text not null references teams (id) on delete cascade,
      user_id text not null references users (id) on delete cascade,
      primary key (team_id, user_id)
    );
    create index team_members_user on team_members (user_id);

    create table sessions (
      token_hash text primary key,
      user_id text not null references users (id) on delete cascade,
      created_at bigint not null,
      expires_at bigint not null
    );
    create index sessions_user on sessions (user_id);

    create table customers (
      id text primary key,
      name text not null,
      email text,
      created_at bigint not null
    );

    create table identities (
      id text primary key,
      customer_id text not null references customers (id) on delete cascade,
      channel text not null,
      value text not null,
      display text not null,
      unique (channel, value)
    );
    create index identities_customer on identities (customer_id);

    create table orders (
      id text primary key,
      customer_id text not null references customers (id) on delete cascade,
      number text not null unique,
      placed_at bigint not null,
      doc jsonb not null
    );
    create index orders_customer on orders (customer_id, placed_at);

    create table conversations (
      id text primary key,
      team_id text not null references teams (id),
      customer_id text not null references customers (id),
      channel text not null,
      subject text,
      status text not null check (status in ('open', 'pending', 'snoozed', 'closed')),
      assignee_id text references users (id) on delete set null,
      created_at bigint not null,
      last_message_at bigint not null,
      last_message_preview text not null,
      waiting_since bigint
    );
    create index conversations_customer on conversations (customer_id, channel, last_message_at);
    create index conversations_team on conversations (team_id, last_message_at);

    create table messages (
      id text primary key,
      conversation_id text not null references conversations (id) on delete cascade,
      channel text not null,
      direction text not null check (direction in ('inbound', 'outbound')),
      author_id text references users (id) on delete set null,
      body text not null,
      created_at bigint not null,
      status text not null,
      client_id text unique,
      provider_message_id text unique
    );
    create index messages_conversation on messages (conversation_id, created_at);

    create table changes (
      seq bigint generated always as identity primary key,
      team_id text,
      kind text not null,
      entity_id text not null,
      payload jsonb not null,
      created_at bigint not null
    );
    create index changes_team_seq on changes (team_id, seq);
  `,
};
