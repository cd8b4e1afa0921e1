import type { Migration } from './types';

/**
 * A rep's reply records what became of the suggestions offered for it (`Message.suggestion`, sync
 * protocol 21): sent as written, edited, or ignored; null when none were offered (every earlier reply).
 */
export const migration024: Migration = {
  version: 24,
  name: 'message_suggestion',
  sql: `
    alter table messages add column suggestion text
      check (suggestion in ('unchanged', 'edited', 'ignored'));
  `,
};
