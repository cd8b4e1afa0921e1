import type { Migration } from './types';

/**
 * Customers a conversation's messages point at (an order, tracking number, email or phone the
 * sender quoted), kept on the conversation as JSON (`shared/domain/link-suggestions.ts`): open ones
 * are shown to the rep, rejected ones stay so the same customer is not suggested again.
 */
export const migration012: Migration = {
  version: 12,
  name: 'link_suggestions',
  sql: `
    alter table conversations add column link_suggestions jsonb not null default '[]'::jsonb;
  `,
};
