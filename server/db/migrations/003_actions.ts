import type { Migration } from './types';

/**
 * Rep actions applied exactly once: each action id is stored with its result in the same
 * transaction as its change, and every change-log row an action wrote names it. Conversations
 * gain tags and a snooze time; internal notes get their own table.
 */
export const migration003: Migration = {
  version: 3,
  name: 'actions',
  sql: `
    alter table conversations add column tags jsonb not null default '[]';
    alter table conversations add column snoozed_until bigint;
    create index conversations_snoozed on conversations (snoozed_until) where status = 'snoozed';

    create table notes (
      id text primary key,
      conversation_id text not null references conversations (id) on delete cascade,
      author_id text references users (id) on delete set null,
      body text not null,
      created_at bigint not null,
      client_id text not null unique
    );
    create index notes_conversation on notes (conversation_id, created_at);

    create table applied_actions (
      id text primary key,
      user_id text not null,
      conversation_id text,
      type text not null,
      seq bigint not null default 0,
      result jsonb,
      created_at bigint not null
    );

    alter table changes add column action_id text;
    create index changes_action on changes (action_id) where action_id is not null;
  `,
};
