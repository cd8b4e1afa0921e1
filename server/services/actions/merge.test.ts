// Merges that can be undone and identities split off, through applyAction on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, Customer, Order, User } from '../../../shared/domain/entities';
import type { Action } from '../../../shared/sync/actions';
import { hashPassword } from '../../auth/password';
import { createTeam, createUser } from '../../db/accounts';
import { AuditQuery } from '../../../shared/sync/audit';
import { listAudit } from '../../db/audit';
import { latestSeq, pullChanges } from '../../db/changes';
import { getConversation, insertConversation } from '../../db/conversations';
import { getCustomer, insertCustomer, upsertOrder } from '../../db/customers';
import { getCustomerRecord, previewMerge } from '../../db/lookups';
import type { Database } from '../../db/sql';
import { refusalOf, testBackends } from '../../db/testing';
import type { TestDatabase } from '../../db/testing';
import { applyAction } from './apply';

const NOW = 1_800_000_000_000;

function order(id: string, customerId: string, currency: string, totalCents: number): Order {
  return {
    id,
    customerId,
    number: `#${id}`,
    placedAt: NOW - 1000,
    status: 'paid',
    currency,
    subtotalCents: totalCents,
    shippingCents: 0,
    taxCents: 0,
    totalCents,
    lineItems: [{ sku: 'NW-1', title: 'Trail Sock', quantity: 1, unitPriceCents: totalCents }],
    payments: [],
    shipments: [],
    returns: [],
    refunds: [],
  };
}

describe.each(testBackends)('merges, undo and split on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let alice: User; // rep, teams a and b
  let lena: User; // lead, team a
  let seq = 0;
  const id = () => `merge-action-${String(++seq).padStart(4, '0')}`;
  const act = (user: User, action: Action, actionId = id()) =>
    applyAction(db, user, { id: actionId, action }, NOW + seq);

  /** A customer known by a phone and an email, with a conversation per `(id, team, channel)`. */
  async function customer(customerId: string, conversations: Array<[string, string, Conversation['channel']]>) {
    const suffix = customerId.slice(-4);
    const record: Customer = {
      id: customerId,
      name: `Customer ${customerId}`,
      email: null,
      createdAt: NOW - 5000,
      identities: [
        { id: `${customerId}-sms`, customerId, channel: 'sms', value: `+1415555${suffix}`, display: `555-${suffix}` },
        {
          id: `${customerId}-email`,
          customerId,
          channel: 'email',
          value: `${customerId}@example.com`,
          display: `${customerId}@example.com`,
        },
      ],
    };
    await db.transaction((tx) => insertCustomer(tx, record));
    for (const [convId, teamId, channel] of conversations) {
      await insertConversation(
        db,
        {
          id: convId,
          teamId,
          customerId,
          channel,
          subject: null,
          status: 'open',
          assigneeId: null,
          createdAt: NOW,
          lastMessageAt: NOW,
          lastMessagePreview: 'hello',
          waitingSince: NOW,
          tags: [],
          snoozedUntil: null,
        },
        NOW,
      );
    }
  }

  /** Every row of the customers, their identities, orders and conversations, as stored. */
  async function rowsOf(customerIds: string[]) {
    const where = 'where customer_id = any($1::text[]) order by id';
    return {
      customers: await db.query('select * from customers where id = any($1::text[]) order by id', [customerIds]),
      identities: await db.query(`select * from identities ${where}`, [customerIds]),
      orders: await db.query(`select * from orders ${where}`, [customerIds]),
      conversations: await db.query(`select * from conversations ${where}`, [customerIds]),
    };
  }

  /** What a refused action must not have touched: every row count that an action could add to. */
  async function written() {
    return db.query(
      `select (select count(*) from changes) as changes, (select count(*) from audit_log) as audit,
         (select count(*) from applied_actions) as applied, (select count(*) from customers) as customers,
         (select jsonb_agg(m order by m.id) from merges m) as merges`,
    );
  }

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await createTeam(db, { id: 'b', name: 'Team B' }, NOW);
    const password = await hashPassword('pw');
    const user = (userId: string, role: User['role'], teamIds: string[]) =>
      createUser(db, { id: userId, name: userId, email: `${userId}@example.com`, role, teamIds, password }, NOW);
    alice = await user('alice', 'rep', ['a', 'b']);
    lena = await user('lena', 'lead', ['a']);
  });

  afterAll(async () => {
    await handle.dispose();
  });

  it('a merge of two customers who both have orders, then its undo, leaves every row exactly as before', async () => {
    await customer('cust-0001', [
      ['conv-1a', 'a', 'sms'],
      ['conv-1b', 'b', 'email'],
    ]);
    await customer('cust-0002', [['conv-2a', 'a', 'sms']]);
    await upsertOrder(db, order('o-1', 'cust-0001', 'USD', 1500), NOW);
    await upsertOrder(db, order('o-2', 'cust-0001', 'EUR', 900), NOW);
    await upsertOrder(db, order('o-3', 'cust-0002', 'USD', 2500), NOW);
    const both = ['cust-0001', 'cust-0002'];
    const before = await rowsOf(both);

    const preview = await previewMerge(db, 'cust-0001', 'cust-0002');
    expect(preview).toMatchObject({
      customer: { id: 'cust-0002', name: 'Customer cust-0002' },
      orderCount: 3,
      lifetimeValue: [
        { currency: 'USD', cents: 4000 },
        { currency: 'EUR', cents: 900 },
      ],
      conversationCount: 3,
    });
    expect(preview?.customer.identities.map((identity) => identity.id).sort()).toEqual([
      'cust-0001-email',
      'cust-0001-sms',
      'cust-0002-email',
      'cust-0002-sms',
    ]);

    const merge = id();
    await act(alice, { type: 'link', conversationId: 'conv-1a', seenAssigneeId: null, customerId: 'cust-0002' }, merge);
    expect(await getCustomer(db, 'cust-0001')).toBeNull();
    expect((await rowsOf(both)).orders).toHaveLength(3);
    const record = await getCustomerRecord(db, 'cust-0002', ['a', 'b']);
    expect(record?.merges).toEqual([
      expect.objectContaining({
        id: merge,
        sourceCustomerId: 'cust-0001',
        sourceName: 'Customer cust-0001',
        by: 'alice',
        identityCount: 2,
        orderCount: 2,
        conversationCount: 2,
        undoneAt: null,
      }),
    ]);

    const cursor = await latestSeq(db);
    const undo = id();
    await act(alice, { type: 'undoMerge', conversationId: 'conv-1a', seenAssigneeId: null, mergeId: merge }, undo);
    expect(await rowsOf(both)).toEqual(before);
    expect(await db.query('select undone_by, undone_action_id from merges where id = $1', [merge])).toEqual([
      { undone_by: 'alice', undone_action_id: undo },
    ]);

    // Each team that holds them is told: team b gets the customer back with its orders and its conversation.
    const teamB = (await pullChanges(db, ['b'], cursor, 100)).changes.map((c) => `${c.kind}:${String(c.data.id)}`);
    expect(teamB).toEqual(
      expect.arrayContaining(['customer:cust-0001', 'order:o-1', 'order:o-2', 'conversation:conv-1b']),
    );
    // The audit log names the merge and its undo by their action ids and types.
    const audit = await db.query<{ type: string; action_id: string; entity_kind: string; entity_id: string }>(
      `select type, action_id, entity_kind, entity_id from audit_log where action_id = any($1::text[])
       and entity_kind = 'customer' and entity_id = 'cust-0001' order by id`,
      [[merge, undo]],
    );
    expect(audit).toEqual([
      { type: 'link', action_id: merge, entity_kind: 'customer', entity_id: 'cust-0001' },
      { type: 'undoMerge', action_id: undo, entity_kind: 'customer', entity_id: 'cust-0001' },
    ]);

    // The audit log lists a merge's rows, and its undo's, by their ids.
    for (const [actionId, type] of [
      [merge, 'link'],
      [undo, 'undoMerge'],
    ]) {
      const page = await listAudit(db, AuditQuery.parse({ actionId }), { all: true });
      expect(page.entries.length).toBeGreaterThan(2);
      expect(new Set(page.entries.map((entry) => `${entry.type}:${entry.actionId}`))).toEqual(
        new Set([`${type}:${actionId}`]),
      );
    }
    expect((await getCustomerRecord(db, 'cust-0002', ['a', 'b']))?.merges).toEqual([
      expect.objectContaining({ id: merge, undoneBy: 'alice', undoActionId: undo }),
    ]);

    // Undone once only, with nothing stored for the refusal.
    const unchanged = await written();
    await expect(
      act(alice, { type: 'undoMerge', conversationId: 'conv-1a', seenAssigneeId: null, mergeId: merge }),
    ).rejects.toMatchObject({ code: 'conflict', message: 'That merge was undone already.' });
    expect(await written()).toEqual(unchanged);
  });

  it('refuses to undo a merge that later changes touched, storing nothing', async () => {
    await customer('cust-0011', [['conv-11', 'a', 'sms']]);
    await customer('cust-0012', [['conv-12', 'a', 'email']]);
    await customer('cust-0013', [['conv-13', 'a', 'sms']]);
    await upsertOrder(db, order('o-11', 'cust-0011', 'USD', 100), NOW);
    const merge = id();
    await act(lena, { type: 'link', conversationId: 'conv-11', seenAssigneeId: null, customerId: 'cust-0012' }, merge);
    // Later, the moved phone is split off the target again: it no longer belongs to it.
    await act(lena, {
      type: 'splitIdentity',
      conversationId: 'conv-12',
      seenAssigneeId: null,
      identityId: 'cust-0011-sms',
    });

    const unchanged = await written();
    const rows = await rowsOf(['cust-0011', 'cust-0012', 'cust-0013']);
    expect(
      await refusalOf(
        act(lena, { type: 'undoMerge', conversationId: 'conv-12', seenAssigneeId: null, mergeId: merge }),
      ),
    ).toMatch(/^conflict: An identity that merge moved has changed customer since/);
    expect(await written()).toEqual(unchanged);
    expect(await rowsOf(['cust-0011', 'cust-0012', 'cust-0013'])).toEqual(rows);

    // The target merged away since: the undo says to undo that merge first.
    const second = id();
    await act(lena, { type: 'link', conversationId: 'conv-12', seenAssigneeId: null, customerId: 'cust-0013' }, second);
    expect(
      await refusalOf(
        act(lena, { type: 'undoMerge', conversationId: 'conv-12', seenAssigneeId: null, mergeId: merge }),
      ),
    ).toBe('conflict: The customer that merge went into was merged into another one since: undo that merge first.');
    await expect(
      act(lena, { type: 'undoMerge', conversationId: 'conv-12', seenAssigneeId: null, mergeId: 'no-such-merge' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a merge of a customer into itself with a clear message, storing nothing', async () => {
    await customer('cust-0021', [['conv-21', 'a', 'sms']]);
    const unchanged = await written();
    expect(
      await refusalOf(
        act(alice, { type: 'link', conversationId: 'conv-21', seenAssigneeId: null, customerId: 'cust-0021' }),
      ),
    ).toBe(
      'invalid_input: This conversation already belongs to that customer: a customer cannot be merged into itself.',
    );
    expect(await written()).toEqual(unchanged);
    await expect(previewMerge(db, 'cust-0021', 'nobody')).resolves.toBeNull();
  });

  it('splits an identity off to a new customer; the conversation only it can have come through follows', async () => {
    await customer('cust-0031', [
      ['conv-31s', 'a', 'sms'],
      ['conv-31e', 'a', 'email'],
    ]);
    const split = id();
    await act(
      alice,
      { type: 'splitIdentity', conversationId: 'conv-31e', seenAssigneeId: null, identityId: 'cust-0031-sms' },
      split,
    );

    const moved = await getConversation(db, 'conv-31s');
    const created = moved ? await getCustomer(db, moved.customerId) : null;
    expect(created).toMatchObject({ name: '555-0031', createdAt: NOW + seq });
    expect(created?.identities).toEqual([
      expect.objectContaining({
        id: 'cust-0031-sms',
        linkedBy: 'alice',
        evidence: 'alice split this off Customer cust-0031 on conversation conv-31e.',
      }),
    ]);
    expect(await getConversation(db, 'conv-31e')).toMatchObject({ customerId: 'cust-0031' });
    expect((await getCustomer(db, 'cust-0031'))?.identities.map((identity) => identity.id)).toEqual([
      'cust-0031-email',
    ]);
    const audit = await db.query<{ type: string }>('select distinct type from audit_log where action_id = $1', [split]);
    expect(audit).toEqual([{ type: 'splitIdentity' }]);

    // The only identity left cannot be split from anything.
    await expect(
      act(alice, {
        type: 'splitIdentity',
        conversationId: 'conv-31e',
        seenAssigneeId: null,
        identityId: 'cust-0031-email',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
