import type { Migration } from './types';

/**
 * A team's own service levels (services/sla-settings.ts): `teams.sla` holds its calendar and targets
 * (shared/domain/sla.ts `SlaPolicy`); null keeps the default policy. It travels with the team's changes.
 */
export const migration019: Migration = {
  version: 19,
  name: 'team_sla',
  sql: `
    alter table teams add column sla jsonb;
  `,
};
