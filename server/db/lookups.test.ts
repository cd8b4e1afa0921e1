import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain/entities';
import { searchKeys } from '../services/customer-search';
import { createTeam } from './accounts';
import { insertConversation } from './conversations';
import { insertCustomer, upsertOrder } from './customers';
import { getCustomerRecord, searchCustomers } from './lookups';
import type { Database } from './sql';
import { openSmsConversation, testBackends, testOrder } from './testing';
import type { TestDatabase } from './testing';

const NOW = 1_750_000_000_000;

function customer(id: string, name: string, identities: [Customer['identities'][number]['channel'], string, string][]) {
  return {
    id,
    name,
    email: null,
    createdAt: NOW,
    identities: identities.map(([channel, value, display], n) => ({
      id: `${id}-${n}`,
      customerId: id,
      channel,
      value,
      display,
    })),
  } satisfies Customer;
}

const harriet = customer('c-uk', 'Harriet Ashdown', [
  ['sms', '+442079460958', '020 7946 0958'],
  ['email', 'harriet@example.co.uk', 'Harriet@Example.co.uk'],
]);
const pat = customer('c-us', 'Pat Doe', [
  ['whatsapp', '+14155550142', '+1 (415) 555-0142'],
  ['x', 'patdoe', '@PatDoe'],
]);
const patricia = customer('c-us2', 'Patricia Stone', [['sms', '+14155550199', '(415) 555-0199']]);

const order = testOrder({ id: 'o1042', customerId: 'c-uk', number: '#1042' }, NOW - 1000, '1Z999AA10123456784');

describe.each(testBackends)('customer lookups on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await createTeam(db, { id: 'b', name: 'Team B' }, NOW);
    await db.transaction(async (tx) => {
      for (const c of [harriet, pat, patricia]) await insertCustomer(tx, c);
    });
    await upsertOrder(db, order, NOW);
    await insertConversation(db, openSmsConversation({ id: 'conv-a', teamId: 'a', customerId: 'c-uk' }, NOW), NOW);
    await insertConversation(db, openSmsConversation({ id: 'conv-b', teamId: 'b', customerId: 'c-uk' }, NOW + 1), NOW);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  const search = async (query: string) =>
    (await searchCustomers(db, searchKeys(query), 20)).map((hit) => [hit.id, hit.matchedBy, hit.matched]);

  it.each([
    ['020 7946 0958', [['c-uk', 'phone', '020 7946 0958']]],
    ['+44 20 7946 0958', [['c-uk', 'phone', '020 7946 0958']]],
    ['0044 (0)20 7946 0958', [['c-uk', 'phone', '020 7946 0958']]],
    ['(415) 555-0142', [['c-us', 'phone', '+1 (415) 555-0142']]],
    ['1 415 555 0142', [['c-us', 'phone', '+1 (415) 555-0142']]],
    [' HARRIET@example.co.uk ', [['c-uk', 'email', 'Harriet@Example.co.uk']]],
    ['1042', [['c-uk', 'order', '#1042']]],
    ['#1042', [['c-uk', 'order', '#1042']]],
    ['1z999aa1 0123456784', [['c-uk', 'tracking', '1Z999AA10123456784']]],
    ['@PatDoe', [['c-us', 'handle', '@PatDoe']]],
    ['ashdown', [['c-uk', 'name', 'Harriet Ashdown']]],
  ])('finds %j', async (query, expected) => {
    expect(await search(query)).toEqual(expected);
  });

  it('lists every name that contains the text, an exact identifier first', async () => {
    expect(await search('pat')).toEqual([
      ['c-us', 'name', 'Pat Doe'],
      ['c-us2', 'name', 'Patricia Stone'],
    ]);
    expect(await search('patdoe')).toEqual([['c-us', 'handle', '@PatDoe']]);
  });

  it('finds nothing for a number no customer has, or too few digits to be one', async () => {
    expect(await search('(415) 555-0100')).toEqual([]);
    expect(await search('555 01')).toEqual([]);
    expect(await search('%')).toEqual([]);
  });

  it('fetches a customer with every identity and order, and conversations of the given teams only', async () => {
    const record = await getCustomerRecord(db, 'c-uk', ['a']);
    // As stored: each identity with its kind and how it was linked; the email is the email identity's.
    expect(record?.customer).toEqual({
      ...harriet,
      email: 'harriet@example.co.uk',
      identities: harriet.identities.map((identity) => ({
        ...identity,
        kind: identity.channel === 'sms' ? 'phone' : 'email',
        linkedBy: 'import',
        linkedAt: NOW,
        evidence: '',
      })),
    });
    expect(record?.orders).toEqual([order]);
    expect(record?.conversations.map((c) => c.id)).toEqual(['conv-a']);
    expect((await getCustomerRecord(db, 'c-uk', ['a', 'b']))?.conversations.map((c) => c.id)).toEqual([
      'conv-b',
      'conv-a',
    ]);
    expect((await getCustomerRecord(db, 'c-uk', []))?.conversations).toEqual([]);
    expect(await getCustomerRecord(db, 'nobody', ['a'])).toBeNull();
  });
});
