import type { Migration } from './types';

/**
 * The priority a person set on a conversation (`setPriority`, sync protocol 15): `urgent`, `high`
 * or `normal`; null is automatic (triage's urgency decides). Existing conversations stay automatic.
 */
export const migration018: Migration = {
  version: 18,
  name: 'priority',
  sql: `
    alter table conversations add column priority text
      constraint conversations_priority check (priority in ('urgent', 'high', 'normal'));
  `,
};
