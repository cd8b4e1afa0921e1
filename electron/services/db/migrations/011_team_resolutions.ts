import type { Migration } from '../migrate';

/** Team canned resolutions beside the rep's own (`team_id`), and the actions each runs with its send. */
export const m011TeamResolutions: Migration = {
  version: 11,
  name: 'team_resolutions',
  up(db) {
    db.exec(`
      ALTER TABLE canned_resolutions ADD COLUMN team_id TEXT;
      ALTER TABLE canned_resolutions ADD COLUMN then_json TEXT;
    `);
  },
};
