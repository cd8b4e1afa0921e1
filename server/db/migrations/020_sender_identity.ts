import type { Migration } from './types';

/**
 * The identity an inbound message came from (`inbound_details.identity_id`): a reply goes back to
 * it, not to whichever of the customer's identities on the channel was linked last. Null for
 * messages stored before, and when the identity is gone (erased).
 */
export const migration020: Migration = {
  version: 20,
  name: 'sender_identity',
  sql: `
    alter table inbound_details add column identity_id text references identities (id) on delete set null;
  `,
};
