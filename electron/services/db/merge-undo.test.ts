// What an engine holds after a merge and its undo arrive: the merged-away customer is deleted,
// then recreated with the same id, and the cache ends exactly as before the merge.
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/sync';
import type { Identity } from '../../../shared/domain';
import { changes, conversation, customer, order, team, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { getConversation } from './conversations';
import { openCache } from './open';
import type { Db } from './open';

const kept: Identity = {
  id: 'cu2-email',
  customerId: 'cu2',
  channel: 'email',
  value: 'cu2@mail.example',
  display: 'cu2@mail.example',
  kind: 'email',
  linkedBy: 'import',
  linkedAt: 1_000,
  evidence: '',
};

/** Team t1 sees cu1 (conversation c1, order o1) and cu2 (conversation c2, order o2). */
function seeded(): Db {
  const db = openCache(':memory:');
  applyChanges(
    db,
    changes(
      team('t1'),
      user('u1'),
      customer('cu1'),
      customer('cu2', { identities: [kept] }),
      order('o1'),
      order('o2', { customerId: 'cu2' }),
      conversation('c1'),
      conversation('c2', { customerId: 'cu2', channel: 'email' }),
    ),
  );
  return db;
}

/** What the server sends for a link of c1's customer cu1 into cu2. */
function merge(db: Db): Omit<Change, 'seq'>[] {
  const moved = getConversation(db, 'c1').customer.identities.map((identity) => ({
    ...identity,
    customerId: 'cu2',
    linkedBy: 'u1',
    linkedAt: 9_000,
    evidence: 'User u1 linked conversation c1 to this customer.',
  }));
  return [
    customer('cu2', { identities: [kept, ...moved] }),
    order('o1', { customerId: 'cu2' }),
    order('o2', { customerId: 'cu2' }),
    conversation('c1', { customerId: 'cu2' }),
    { kind: 'delete', data: { entity: 'customer', id: 'cu1' } },
  ];
}

/** What the server sends for its undo. */
const undo = (): Omit<Change, 'seq'>[] => [
  customer('cu1'),
  order('o1'),
  conversation('c1'),
  customer('cu2', { identities: [kept] }),
];

/** Every row of the customers, identities, orders and conversations (but the log position of each copy). */
function cache(db: Db) {
  const all = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];
  return {
    customers: all('customers'),
    identities: all('identities'),
    orders: all('orders'),
    conversations: all('conversations').map(({ server_seq: _seq, ...row }) => row),
  };
}

describe('a merge and its undo in the cache', () => {
  it('applied as they come, the merged-away customer goes and comes back exactly as it was', () => {
    const db = seeded();
    const before = cache(db);
    applyChanges(db, changes(...merge(db)));
    expect(getConversation(db, 'c1').customer.id).toBe('cu2');
    expect(cache(db).customers.map((row) => row.id)).toEqual(['cu2']);

    const applied = applyChanges(db, changes(...undo()));
    expect(applied.conversationIds).toEqual(expect.arrayContaining(['c1', 'c2']));
    expect(cache(db)).toEqual(before);
    expect(getConversation(db, 'c1').conversation).toMatchObject({ customerName: 'Customer cu1' });
    db.close();
  });

  it('caught up in one page (offline through both), the recreated customer is the later version and wins', () => {
    const db = seeded();
    const before = cache(db);
    applyChanges(db, changes(...merge(db), ...undo()));
    expect(cache(db)).toEqual(before);
    db.close();
  });
});
