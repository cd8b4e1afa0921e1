import type { Migration } from '../migrate';

/**
 * Identities keyed the way providers key people (sync protocol 6): a `kind` (one phone serves SMS
 * and WhatsApp) and how the identity was linked to its customer (`linked_by`, `linked_at`,
 * `evidence`). Cached rows, and identities from a server before protocol 6, have no link record;
 * SMS and WhatsApp rows were phone numbers.
 */
export const m010IdentityKinds: Migration = {
  version: 10,
  name: 'identity_kinds',
  up(db) {
    db.exec(`
      ALTER TABLE identities ADD COLUMN kind TEXT;
      ALTER TABLE identities ADD COLUMN linked_by TEXT;
      ALTER TABLE identities ADD COLUMN linked_at INTEGER;
      ALTER TABLE identities ADD COLUMN evidence TEXT;
      UPDATE identities SET kind = CASE WHEN channel IN ('sms', 'whatsapp') THEN 'phone' ELSE channel END;
    `);
  },
};
