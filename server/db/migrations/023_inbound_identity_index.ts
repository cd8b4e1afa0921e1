import type { Migration } from './types';

/**
 * The messages an identity sent, found without a scan: a returning web-chat visitor's thread is read
 * by their identity on `inbound_details` (`server/webchat/`).
 */
export const migration023: Migration = {
  version: 23,
  name: 'inbound_identity_index',
  sql: `
    create index inbound_details_identity on inbound_details (identity_id) where identity_id is not null;
  `,
};
