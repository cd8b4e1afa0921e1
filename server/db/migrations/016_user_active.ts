import type { Migration } from './types';

/**
 * Whether a user may sign in. An admin deactivates a user instead of deleting them: the audit log,
 * messages and notes keep naming them. A deactivated user's sessions are deleted with the change
 * (server/db/admin.ts), and sign-in and every authenticated request refuse them.
 */
export const migration016: Migration = {
  version: 16,
  name: 'user_active',
  sql: `
    alter table users add column active boolean not null default true;
  `,
};
