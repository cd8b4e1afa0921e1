import { describe, expect, it } from 'vitest';
import type { Sql } from '../sql';
import { testBackends } from '../testing';
import { AT, databaseAt, insertVersion1Rows, migrateTo, snapshot } from './fixtures';

const HOUR = 3_600_000;

/**
 * Besides the version 1 organisation (Pat: SMS and email, with the same address in
 * `customers.email`): Pat's WhatsApp row of the same number; a number on two customers, Sam by
 * WhatsApp (long ago) and Kim by SMS (lately); Lee and a later Lee with one address only in
 * `customers.email`; an X handle and a Messenger id.
 */
async function insertVersion5Rows(db: Sql): Promise<void> {
  await insertVersion1Rows(db);
  await db.query(
    `insert into customers (id, name, email, created_at) values
       ('sam', 'Sam Roe', null, $1), ('kim', 'Kim Poe', null, $1),
       ('lee', 'Lee Moe', ' Lee.Moe@Example.com ', $1), ('lee-again', 'Lee Moe', 'lee.moe@example.com', $2),
       ('fan', 'Northwind Fan', null, $1)`,
    [AT, AT + HOUR],
  );
  await db.query(
    `insert into identities (id, customer_id, channel, value, display) values
       ('pat-wa', 'pat', 'whatsapp', '+14155550101', '+1 415 555 0101'),
       ('sam-wa', 'sam', 'whatsapp', '+447400123456', '+44 7400 123456'),
       ('kim-sms', 'kim', 'sms', '+447400123456', '07400 123456'),
       ('fan-x', 'fan', 'x', 'northwindfan', '@NorthwindFan'),
       ('fan-messenger', 'fan', 'messenger', '6543210987654321', 'northwind.fan')`,
  );
  await db.query(
    `insert into conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
       last_message_at, last_message_preview, waiting_since) values
       ('conv-sam', 'orders', 'sam', 'whatsapp', null, 'closed', null, $1, $1, 'Thanks!', null),
       ('conv-kim', 'orders', 'kim', 'sms', null, 'open', null, $2, $2, 'Hello?', $2)`,
    [AT, AT + 2 * HOUR],
  );
}

describe.each(testBackends)('migration 006 identities by kind on $kind', (backend) => {
  const database = databaseAt(backend, 5);

  it('keys identities by kind and value, collapses SMS and WhatsApp rows of a number, and folds emails in', async () => {
    const db = database();
    await insertVersion5Rows(db);
    const before = await snapshot(db);

    expect(await migrateTo(db, 6)).toEqual([6]);
    const after = await snapshot(db);

    // Everything but customers and identities is as it was.
    for (const table of [
      'teams',
      'users',
      'team_members',
      'sessions',
      'orders',
      'conversations',
      'messages',
      'changes',
    ])
      expect(after[table], table).toEqual(before[table]);
    // Customers keep every row; the email column is gone.
    expect(after.customers).toEqual(before.customers?.map(({ email: _email, ...customer }) => customer));

    const identities = await db.query(
      `select id, customer_id, kind, channel, value, display, linked_by, linked_at::text as linked_at from identities
       order by id`,
    );
    expect(identities).toEqual([
      // Lee's address; the later Lee with the same address gets none (the older customer keeps it).
      {
        id: 'email-lee',
        customer_id: 'lee',
        kind: 'email',
        channel: 'email',
        value: 'lee.moe@example.com',
        display: 'Lee.Moe@Example.com',
        linked_by: 'import',
        linked_at: String(AT),
      },
      {
        id: 'fan-messenger',
        customer_id: 'fan',
        kind: 'messenger',
        channel: 'messenger',
        value: '6543210987654321',
        display: 'northwind.fan',
        linked_by: 'import',
        linked_at: String(AT),
      },
      // A handle is no provider id: kept for display, never matching an id.
      {
        id: 'fan-x',
        customer_id: 'fan',
        kind: 'x',
        channel: 'x',
        value: '@northwindfan',
        display: '@NorthwindFan',
        linked_by: 'import',
        linked_at: String(AT),
      },
      // The number Kim wrote from last stays with Kim; Sam keeps the conversation but not the number.
      {
        id: 'kim-sms',
        customer_id: 'kim',
        kind: 'phone',
        channel: 'sms',
        value: '+447400123456',
        display: '07400 123456',
        linked_by: 'import',
        linked_at: String(AT),
      },
      // Pat's address was both an identity and customers.email: one identity.
      {
        id: 'pat-email',
        customer_id: 'pat',
        kind: 'email',
        channel: 'email',
        value: 'pat@example.com',
        display: 'pat@example.com',
        linked_by: 'import',
        linked_at: String(AT),
      },
      // Pat's SMS and WhatsApp rows of one number: the older row stays.
      {
        id: 'pat-sms',
        customer_id: 'pat',
        kind: 'phone',
        channel: 'sms',
        value: '+14155550101',
        display: '(415) 555-0101',
        linked_by: 'import',
        linked_at: String(AT),
      },
    ]);
    const [kim] = await db.query<{ evidence: string }>(`select evidence from identities where id = 'kim-sms'`);
    expect(kim?.evidence).toMatch(/also on customer sam, which no longer matches it/);
    expect(await db.query(`select customer_id from conversations where id = 'conv-sam'`)).toEqual([
      { customer_id: 'sam' },
    ]);

    // One phone row per number whatever the channel; one row per provider id.
    await expect(
      db.query(
        `insert into identities (id, customer_id, kind, channel, value, display, linked_by, linked_at, evidence)
         values ('sam-again', 'sam', 'phone', 'whatsapp', '+447400123456', '+44 7400 123456', 'inbound', $1, '')`,
        [AT],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(
      db.query(
        `insert into identities (id, customer_id, kind, channel, value, display, linked_by, linked_at, evidence)
         values ('odd', 'sam', 'fax', 'sms', '+15550100', '', 'inbound', $1, '')`,
        [AT],
      ),
    ).rejects.toMatchObject({ code: '23514' });

    // The phone-suffix index serves phone identities, whichever channel they came from.
    const indexes = await db.query<{ indexdef: string }>(
      `select indexdef from pg_indexes where indexname = 'identities_phone_suffix'`,
    );
    expect(indexes[0]?.indexdef).toMatch(/WHERE \(kind = 'phone'::text\)/);
  });
});
