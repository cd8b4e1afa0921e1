import type { Migration } from './types';

/**
 * Automatic routing (server/services/routing/). Per team: the mode (`manual` routes nothing), each
 * rep's default capacity (most open conversations at once; null: no limit), an optional capacity per
 * channel, how long a rep may be offline before their open conversations go back to the queue (null:
 * never) and the round-robin cursor. Per rep of a team: their own capacity and their skills (languages,
 * channels, product lines; empty: no restriction). Per user: since when the routing sweep has seen
 * them offline. On the conversation: why routing gave it to whom, or returned it (`assigned_reason`,
 * `shared/domain/routing.ts`); a person's assignment clears it.
 */
export const migration015: Migration = {
  version: 15,
  name: 'routing',
  sql: `
    create table routing_settings (
      team_id text primary key references teams (id) on delete cascade,
      mode text not null default 'manual'
        constraint routing_settings_mode check (mode in ('manual', 'round_robin', 'fewest_open')),
      max_open integer constraint routing_settings_max_open_positive check (max_open is null or max_open > 0),
      channel_max_open jsonb not null default '{}'::jsonb,
      offline_return_minutes integer
        constraint routing_settings_offline_nonnegative check (offline_return_minutes is null or offline_return_minutes >= 0),
      last_assignee_id text,
      updated_at bigint not null,
      updated_by text not null
    );

    create table routing_reps (
      team_id text not null references teams (id) on delete cascade,
      user_id text not null references users (id) on delete cascade,
      max_open integer constraint routing_reps_max_open_positive check (max_open is null or max_open > 0),
      languages jsonb not null default '[]'::jsonb,
      channels jsonb not null default '[]'::jsonb,
      product_lines jsonb not null default '[]'::jsonb,
      primary key (team_id, user_id)
    );

    create table routing_offline (
      user_id text primary key references users (id) on delete cascade,
      since bigint not null
    );

    alter table conversations add column assigned_reason jsonb;
    create index conversations_routing_queue on conversations (team_id, created_at)
      where assignee_id is null and status = 'open';
  `,
};
