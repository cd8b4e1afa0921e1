import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaredeskError } from '../../shared/domain/errors';
import { createTeam } from '../db/accounts';
import { getCustomer, insertCustomer } from '../db/customers';
import type { Database } from '../db/sql';
import { testBackends } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { receiveInbound } from './inbound';
import type { InboundRequest } from './inbound';

const NOW = 1_800_000_000_000;

describe.each(testBackends)('inbound matches the sender by exact identity on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await db.transaction(async (tx) => {
      await insertCustomer(tx, {
        id: 'us',
        name: 'Pat Doe',
        email: 'Pat.Doe@Example.com',
        createdAt: NOW,
        identities: [
          { id: 'us-phone', customerId: 'us', channel: 'sms', value: '+14155550134', display: '+1 415-555-0134' },
        ],
      });
      await insertCustomer(tx, {
        id: 'uk',
        name: 'Harriet Ashdown',
        email: null,
        createdAt: NOW,
        identities: [
          { id: 'uk-phone', customerId: 'uk', channel: 'sms', value: '+442079460958', display: '+44 20 7946 0958' },
        ],
      });
    });
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  let at = NOW;
  const receive = (request: InboundRequest, region?: string) =>
    receiveInbound(db, request, (at += 1000), undefined, undefined, { region });

  async function customerOf(conversationId: string): Promise<string | undefined> {
    const rows = await db.query<{ customer_id: string }>('select customer_id from conversations where id = $1', [
      conversationId,
    ]);
    return rows[0]?.customer_id;
  }

  async function counts(): Promise<unknown> {
    return (
      await db.query(`select (select count(*) from customers)::int as customers, (select count(*) from identities)::int
        as identities, (select count(*) from messages)::int as messages`)
    )[0];
  }

  it('joins an SMS from "(415) 555-0134" and a WhatsApp message from the same number to the customer stored as "+1 415-555-0134"', async () => {
    // A handle means nothing for a phone number: the number stays as it was stored.
    const sms = await receive({ channel: 'sms', from: '(415) 555-0134', handle: '@pat', body: 'Where is my order?' });
    expect(await customerOf(sms.conversationId)).toBe('us');

    const whatsapp = await receive({ channel: 'whatsapp', from: 'whatsapp:+14155550134', body: 'Also on WhatsApp' });
    expect(await customerOf(whatsapp.conversationId)).toBe('us');
    // A WhatsApp id is the number without "+".
    const waId = await receive({ channel: 'whatsapp', from: '14155550134', body: 'And again' });
    expect(waId.conversationId).toBe(whatsapp.conversationId);
    expect(whatsapp.conversationId).not.toBe(sms.conversationId);

    // Still one phone identity: it serves both channels.
    const pat = await getCustomer(db, 'us');
    expect(pat?.identities.filter((identity) => identity.kind === 'phone').map((identity) => identity.display)).toEqual(
      ['+1 415-555-0134'],
    );
  });

  it('reads a national number in the configured region: "020 7946 0958" in GB joins "+44 20 7946 0958"', async () => {
    const result = await receive({ channel: 'sms', from: '020 7946 0958', body: 'Hello from London' }, 'GB');
    expect(await customerOf(result.conversationId)).toBe('uk');
  });

  it('refuses an unparseable number with invalid_input and stores nothing', async () => {
    const before = await counts();
    for (const [from, region] of [
      ['call me maybe', 'US'],
      ['12345', 'US'],
      // A UK national number means nothing in the US.
      ['020 7946 0958', 'US'],
    ] as const) {
      const error = await receive({ channel: 'sms', from, body: 'hi' }, region).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CaredeskError);
      expect(error).toMatchObject({
        code: 'invalid_input',
        message: `Not a sender on SMS: "${from}" is not a phone number.`,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('joins an email to the address the customer was created with, whatever its case', async () => {
    const result = await receive({ channel: 'email', from: 'PAT.DOE@example.com', body: 'Invoice please' });
    expect(await customerOf(result.conversationId)).toBe('us');
    expect((await getCustomer(db, 'us'))?.email).toBe('pat.doe@example.com');
  });

  it('keys an X sender by user id, shows the newest handle, and never matches on a handle', async () => {
    const first = await receive({
      channel: 'x',
      from: '1442317185829871616',
      handle: '@NorthwindFan',
      body: 'my order is late',
      providerMessageId: 'dm-1',
    });
    const fan = await customerOf(first.conversationId);
    const created = await getCustomer(db, fan ?? '');
    expect(created?.identities).toEqual([
      {
        id: created?.identities[0]?.id,
        customerId: fan,
        kind: 'x',
        channel: 'x',
        value: '1442317185829871616',
        display: '@NorthwindFan',
        linkedBy: 'inbound',
        linkedAt: at,
        evidence: 'First message on X from "1442317185829871616" (provider message dm-1).',
      },
    ]);

    // The same person renamed: same customer, new handle, and the customer travels again.
    const renamed = await receive({ channel: 'x', from: '1442317185829871616', handle: '@TrailFan', body: 'hello?' });
    expect(await customerOf(renamed.conversationId)).toBe(fan);
    expect((await getCustomer(db, fan ?? ''))?.identities[0]?.display).toBe('@TrailFan');
    const customerChanges = await db.query<{ handle: string }>(
      `select payload -> 'identities' -> 0 ->> 'display' as handle from changes
       where kind = 'customer' and entity_id = $1 order by seq desc limit 1`,
      [fan],
    );
    expect(customerChanges).toEqual([{ handle: '@TrailFan' }]);

    // Someone else took the old handle: another person.
    const other = await receive({ channel: 'x', from: '99887766', handle: '@NorthwindFan', body: 'hi' });
    expect(await customerOf(other.conversationId)).not.toBe(fan);

    // A handle is not an id.
    await expect(receive({ channel: 'x', from: '@NorthwindFan', body: 'hi' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
