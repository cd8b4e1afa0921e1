import type { Migration } from './types';

/**
 * Changes addressed to one user, and the first thing that travels that way: a rep's own canned
 * resolutions.
 *
 * A change with `user_id` set (and no team) is read by that user alone; one with neither is read
 * by everyone. `changes_user_seq` serves the pull's "or addressed to me" without a scan of the log.
 */
export const migration005: Migration = {
  version: 5,
  name: 'personal_scope',
  sql: `
    alter table changes add column user_id text;
    alter table changes add constraint changes_one_scope check (team_id is null or user_id is null);
    create index changes_user_seq on changes (user_id, seq) where user_id is not null;

    create table canned_resolutions (
      id text primary key,
      owner_id text not null references users (id),
      title text not null,
      body text not null,
      updated_at bigint not null
    );
    create index canned_resolutions_owner on canned_resolutions (owner_id);
  `,
};
