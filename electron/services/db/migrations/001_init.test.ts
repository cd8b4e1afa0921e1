import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';

describe('migration 001 init', () => {
  it('creates the schema on an empty database and holds real rows', () => {
    const db = openCache(':memory:', { migrate: false });
    expect(schemaVersion(db)).toBe(0);
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);

    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'meta',
        'teams',
        'users',
        'customers',
        'identities',
        'orders',
        'conversations',
        'messages',
        'outbox',
      ]),
    );

    db.prepare("INSERT INTO customers (id, name, email, created_at) VALUES ('cu1', 'Maria', NULL, 1)").run();
    db.prepare(
      "INSERT INTO identities (id, customer_id, channel, value, display) VALUES ('i1', 'cu1', 'x', 'maria', '@maria')",
    ).run();
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES ('c1', 't1', 'cu1', 'x', NULL, 'open', NULL, 1, 2, 'hi', 2)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES ('m1', 'c1', 'x', 'inbound', NULL, 'hi', 2, 'received', NULL)`,
    ).run();
    expect(db.prepare('SELECT customer_name, customer_handle FROM conversations').get()).toEqual({
      customer_name: '',
      customer_handle: '',
    });
    expect(db.prepare('SELECT seq, id FROM messages').get()).toEqual({ seq: 1, id: 'm1' });

    // Identities go with their customer.
    db.prepare("DELETE FROM customers WHERE id = 'cu1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM identities').get()).toEqual({ n: 0 });
    // The outbox only knows two states.
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (client_id, message_id, conversation_id, body, created_at, state) VALUES ('k', 'm', 'c', 'b', 1, 'sent')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('is not applied twice', () => {
    const db = openCache(':memory:');
    const version = schemaVersion(db);
    expect(migrate(db)).toBe(version);
    db.close();
  });
});
