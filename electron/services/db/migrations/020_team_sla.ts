import type { Migration } from '../migrate';

/**
 * A team's own service levels (`Team.sla`, sync protocol 14), as JSON; null: the default policy.
 * Teams cached before keep the default until their next change.
 */
export const m020TeamSla: Migration = {
  version: 20,
  name: 'team_sla',
  up(db) {
    db.exec(`ALTER TABLE teams ADD COLUMN sla TEXT;`);
  },
};
