import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain/entities';
import { insertConversation } from './conversations';
import {
  customerChangesForNewTeam,
  customerChangesForTeam,
  getCustomer,
  insertCustomer,
  insertCustomerForIdentity,
  upsertOrder,
} from './customers';
import type { StoredIdentity } from './customers';
import type { Database } from './sql';
import { openSmsConversation, smsCustomer, teamsAB, testBackends, testOrder } from './testing';
import type { TestDatabase } from './testing';

const NOW = 1_800_000_000_000;

describe.each(testBackends)("a customer's change rows for a team on $kind", (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await teamsAB(db, NOW);
    await insertCustomer(db, { ...smsCustomer('c1', '+14155550101', NOW), email: 'ana@mail.example' });
    // Oldest first, whatever order they were written in.
    await upsertOrder(db, testOrder({ id: 'o2', customerId: 'c1', number: '1002' }, NOW + 2), NOW);
    await upsertOrder(db, testOrder({ id: 'o1', customerId: 'c1', number: '1001' }, NOW + 1), NOW);
    await insertConversation(db, openSmsConversation({ id: 'conv', teamId: 'a', customerId: 'c1' }, NOW), NOW);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  it('carries the customer as stored, then each of its orders, oldest first', async () => {
    const customer = await getCustomer(db, 'c1');
    expect(customer?.identities.map((i) => i.kind).sort()).toEqual(['email', 'phone']);
    const changes = await customerChangesForTeam(db, 'c1', 'a');
    expect(changes.map((c) => c.teamId)).toEqual(['a', 'a', 'a']);
    expect(changes.map((c) => c.change)).toEqual([
      { kind: 'customer', data: customer },
      { kind: 'order', data: testOrder({ id: 'o1', customerId: 'c1', number: '1001' }, NOW + 1) },
      { kind: 'order', data: testOrder({ id: 'o2', customerId: 'c1', number: '1002' }, NOW + 2) },
    ]);
  });

  it('for a new team: the same rows for a team that has no conversation of the customer, none for one that has', async () => {
    expect(await customerChangesForNewTeam(db, 'c1', 'b')).toEqual(await customerChangesForTeam(db, 'c1', 'b'));
    expect(await customerChangesForNewTeam(db, 'c1', 'a')).toEqual([]);
  });

  it('refuses a customer that does not exist', async () => {
    await expect(customerChangesForTeam(db, 'nobody', 'a')).rejects.toThrow('customer nobody not found');
    await expect(customerChangesForNewTeam(db, 'nobody', 'b')).rejects.toThrow('customer nobody not found');
  });
});

describe.each(testBackends)('a customer known by one identity on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  const phoneIdentity = (id: string, customerId: string): StoredIdentity => ({
    id,
    customerId,
    kind: 'phone',
    channel: 'sms',
    value: '+14155550123',
    display: '(415) 555-0123',
    linkedBy: 'inbound',
    linkedAt: NOW,
    evidence: 'First message',
  });
  const named = (id: string): Customer => ({ id, name: `Customer ${id}`, email: null, createdAt: NOW, identities: [] });

  it('is written with its identity', async () => {
    expect(await db.transaction((tx) => insertCustomerForIdentity(tx, named('k1'), phoneIdentity('i1', 'k1')))).toBe(
      'k1',
    );
    expect(await getCustomer(db, 'k1')).toEqual({ ...named('k1'), identities: [phoneIdentity('i1', 'k1')] });
  });

  it('is not written when the identity is stored already: the customer who holds it is answered', async () => {
    expect(await db.transaction((tx) => insertCustomerForIdentity(tx, named('k2'), phoneIdentity('i2', 'k2')))).toBe(
      'k1',
    );
    expect(await getCustomer(db, 'k2')).toBeNull();
    expect((await getCustomer(db, 'k1'))?.identities.map((i) => i.id)).toEqual(['i1']);
  });
});
