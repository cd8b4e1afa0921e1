import type { Migration } from './types';

/**
 * A team's library of canned resolutions beside each rep's own, and the actions that run with a
 * reply made from one.
 *
 * `team_id` null: the owner's own (as before); set: the team's, `owner_id` being who created it.
 * `then_actions`: tags, resolve or a snooze queued with the reply (null: none).
 */
export const migration009: Migration = {
  version: 9,
  name: 'team_resolutions',
  sql: `
    alter table canned_resolutions add column team_id text references teams (id);
    alter table canned_resolutions add column then_actions jsonb;
    create index canned_resolutions_team on canned_resolutions (team_id) where team_id is not null;
  `,
};
