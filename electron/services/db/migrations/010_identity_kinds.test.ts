import { describe, expect, it } from 'vitest';
import { getCustomer } from '../conversations';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';

describe('migration 010 identity kinds', () => {
  it('keeps version-9 identities, reads SMS and WhatsApp ones as phones, and stores how identities were linked', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 9);
    db.prepare(
      `INSERT INTO customers (id, name, email, created_at) VALUES ('pat', 'Pat Doe', 'pat@example.com', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO identities (id, customer_id, channel, value, display) VALUES
         ('pat-sms', 'pat', 'sms', '+14155550134', '(415) 555-0134'),
         ('pat-wa', 'pat', 'whatsapp', '+14155550135', '+1 415 555 0135'),
         ('pat-x', 'pat', 'x', 'patdoe', '@PatDoe')`,
    ).run();

    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT id, kind, channel, value, display, linked_by FROM identities ORDER BY id').all()).toEqual(
      [
        {
          id: 'pat-sms',
          kind: 'phone',
          channel: 'sms',
          value: '+14155550134',
          display: '(415) 555-0134',
          linked_by: null,
        },
        {
          id: 'pat-wa',
          kind: 'phone',
          channel: 'whatsapp',
          value: '+14155550135',
          display: '+1 415 555 0135',
          linked_by: null,
        },
        { id: 'pat-x', kind: 'x', channel: 'x', value: 'patdoe', display: '@PatDoe', linked_by: null },
      ],
    );
    expect(getCustomer(db, 'pat')?.identities.map((identity) => identity.kind)).toEqual(['phone', 'phone', 'x']);

    // A customer from a protocol-6 server brings how each identity was linked.
    db.prepare(
      `INSERT INTO identities (id, customer_id, channel, value, display, kind, linked_by, linked_at, evidence)
       VALUES ('pat-email', 'pat', 'email', 'pat@example.com', 'Pat@Example.com', 'email', 'inbound', 5, 'First message')`,
    ).run();
    expect(getCustomer(db, 'pat')?.identities[0]).toEqual({
      id: 'pat-email',
      customerId: 'pat',
      channel: 'email',
      value: 'pat@example.com',
      display: 'Pat@Example.com',
      kind: 'email',
      linkedBy: 'inbound',
      linkedAt: 5,
      evidence: 'First message',
    });
    db.close();
  });
});
