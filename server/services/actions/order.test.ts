// Order actions (cancel, address, reship, refund, approval) through applyAction on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, User } from '../../../shared/domain/entities';
import type { Action } from '../../../shared/sync/actions';
import { AuditQuery } from '../../../shared/sync/audit';
import { hashPassword } from '../../auth/password';
import { createTeam, createUser } from '../../db/accounts';
import { listAudit } from '../../db/audit';
import { insertConversation } from '../../db/conversations';
import { insertCustomer, upsertOrder } from '../../db/customers';
import { setRefundLimit } from '../../db/orders';
import type { Database } from '../../db/sql';
import { openSmsConversation, refusalOf, testBackends, testOrder } from '../../db/testing';
import type { TestDatabase } from '../../db/testing';
import { applyAction } from './apply';

const NOW = 1_800_000_000_000;

/** 2 × SKU-A at 20.00, 1 × SKU-B at 15.00, shipping 5.00: 60.00, captured in full unless `captured` says. */
function anOrder(id: string, customerId: string, shipped: boolean, captured = 6000): Order {
  const tracked = testOrder({ id, customerId, number: `#${id}` }, NOW, `1Z${id}`);
  return {
    ...tracked,
    status: shipped ? 'fulfilled' : 'paid',
    subtotalCents: 5500,
    shippingCents: 500,
    totalCents: 6000,
    lineItems: [
      { sku: 'SKU-A', title: 'Trail Sock', quantity: 2, unitPriceCents: 2000 },
      { sku: 'SKU-B', title: 'Cap', quantity: 1, unitPriceCents: 1500 },
    ],
    payments: [{ id: `${id}-pay`, method: 'card', amountCents: captured, status: 'captured', processedAt: NOW }],
    shipments: tracked.shipments.map((shipment) => ({ ...shipment, status: shipped ? 'in_transit' : 'label_created' })),
  };
}

describe.each(testBackends)('order actions on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let alice: User; // rep, team a (default limit 50.00)
  let lena: User; // lead, team a
  let seq = 0;
  const nextId = () => `order-action-${String(++seq).padStart(4, '0')}`;
  const on = { conversationId: 'conv-pat', seenAssigneeId: null };
  const act = (user: User, action: Action, actionId = nextId()) =>
    applyAction(db, user, { id: actionId, action }, NOW + seq);

  async function orderDoc(id: string): Promise<Order> {
    const rows = await db.query<{ doc: Order }>('select doc from orders where id = $1', [id]);
    if (!rows[0]) throw new Error(`no order ${id}`);
    return rows[0].doc;
  }

  /** The change rows an action wrote: who reads them, what kind. */
  async function changesOf(actionId: string) {
    return db.query<{ team_id: string; kind: string; entity_id: string }>(
      `select team_id, kind, entity_id from changes where action_id = $1 order by kind, team_id`,
      [actionId],
    );
  }

  async function notesOf(actionId: string) {
    return db.query<{ conversation_id: string; author_id: string; body: string }>(
      'select conversation_id, author_id, body from notes where client_id = $1',
      [actionId],
    );
  }

  async function auditOf(actionId: string) {
    const page = await listAudit(db, AuditQuery.parse({ actionId, limit: 20 }), { all: true });
    return page.entries.map((entry) => ({
      type: entry.type,
      kind: entry.entity.kind,
      before: entry.before,
      after: entry.after,
    }));
  }

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await createTeam(db, { id: 'b', name: 'Team B' }, NOW);
    const password = await hashPassword('pw');
    const user = (id: string, role: User['role'], teamIds: string[]) =>
      createUser(db, { id, name: id, email: `${id}@example.com`, role, teamIds, password }, NOW);
    alice = await user('alice', 'rep', ['a']);
    lena = await user('lena', 'lead', ['a']);
    for (const customerId of ['pat', 'sam']) {
      await db.transaction((tx) =>
        insertCustomer(tx, { id: customerId, name: customerId, email: null, createdAt: NOW, identities: [] }),
      );
    }
    // Pat writes to team a and team b: both teams see Pat's orders.
    for (const [id, teamId, customerId] of [
      ['conv-pat', 'a', 'pat'],
      ['conv-pat-b', 'b', 'pat'],
      ['conv-sam', 'a', 'sam'],
    ] as const) {
      await insertConversation(db, openSmsConversation({ id, teamId, customerId }, NOW), NOW);
    }
    for (const [id, shipped] of [
      ['cancel-me', false],
      ['shipped', true],
      ['address', false],
      ['reship', true],
      ['by-line', true],
      ['big', true],
      ['declined', true],
      ['twice', true],
    ] as const) {
      await upsertOrder(db, anOrder(id, 'pat', shipped), NOW);
    }
    await upsertOrder(db, anOrder('partly-captured', 'pat', true, 3000), NOW);
    await upsertOrder(db, anOrder('sams', 'sam', false), NOW);
  });

  afterAll(async () => {
    await handle.dispose();
  });

  it('cancels an unshipped order, refunding what was captured, with its note, order changes and audit', async () => {
    const id = nextId();
    const outcome = await act(alice, { type: 'cancelOrder', ...on, orderId: 'cancel-me', reason: 'Ordered twice' }, id);
    const order = await orderDoc('cancel-me');
    expect(order.status).toBe('cancelled');
    expect(order.cancellation).toEqual({ at: NOW + seq, by: 'alice', reason: 'Ordered twice' });
    expect(order.refunds).toEqual([
      expect.objectContaining({ amountCents: 6000, reason: 'Cancelled: Ordered twice', by: 'alice' }),
    ]);
    expect(order.payments.map((payment) => payment.status)).toEqual(['refunded']);
    // The order goes to both teams that see Pat; the note to the conversation's team.
    expect(await changesOf(id)).toEqual([
      { team_id: 'a', kind: 'note', entity_id: outcome.result.note?.id },
      { team_id: 'a', kind: 'order', entity_id: 'cancel-me' },
      { team_id: 'b', kind: 'order', entity_id: 'cancel-me' },
    ]);
    expect(await notesOf(id)).toEqual([
      {
        conversation_id: 'conv-pat',
        author_id: 'alice',
        body: 'Cancelled order #cancel-me, refunded $60.00 — Ordered twice',
      },
    ]);
    expect(outcome.result.note?.body).toBe('Cancelled order #cancel-me, refunded $60.00 — Ordered twice');
    const orderAudit = (await auditOf(id)).filter((entry) => entry.kind === 'order');
    expect(orderAudit).toHaveLength(1);
    expect(orderAudit[0]).toEqual({
      type: 'cancelOrder',
      kind: 'order',
      before: { status: 'paid', refundIds: [], refundedCents: 0 },
      after: { status: 'cancelled', refundIds: [order.refunds[0]?.id], refundedCents: 6000 },
    });
    expect(await refusalOf(act(alice, { type: 'cancelOrder', ...on, orderId: 'cancel-me', reason: 'again' }))).toBe(
      'conflict: Order #cancel-me is cancelled: it cannot be cancelled.',
    );
  });

  it('refuses to cancel or readdress a shipped order, and writes nothing', async () => {
    const before = await db.query('select count(*)::int as n from changes');
    expect(await refusalOf(act(alice, { type: 'cancelOrder', ...on, orderId: 'shipped', reason: 'late' }))).toBe(
      'conflict: Order #shipped has shipped: it can no longer be cancelled.',
    );
    const address = { lines: ['1 Main St'], city: 'Springfield', postcode: '62701', country: 'US' };
    expect(await refusalOf(act(alice, { type: 'changeOrderAddress', ...on, orderId: 'shipped', address }))).toBe(
      'conflict: Order #shipped has shipped: it can no longer have its address changed.',
    );
    expect(await db.query('select count(*)::int as n from changes')).toEqual(before);
    expect((await orderDoc('shipped')).status).toBe('fulfilled');
  });

  it('changes the delivery address of an unshipped order, validated', async () => {
    const bad = { lines: ['10 Downing St'], city: 'London', postcode: '90210', country: 'GB' };
    expect(await refusalOf(act(alice, { type: 'changeOrderAddress', ...on, orderId: 'address', address: bad }))).toBe(
      'invalid_input: “90210” is not a postcode of GB.',
    );
    expect(
      await refusalOf(
        act(alice, { type: 'changeOrderAddress', ...on, orderId: 'address', address: { ...bad, country: 'XX' } }),
      ),
    ).toBe('invalid_input: “XX” is not a country code: use two letters, e.g. US or GB.');
    const id = nextId();
    await act(
      alice,
      {
        type: 'changeOrderAddress',
        ...on,
        orderId: 'address',
        address: { ...bad, postcode: 'sw1a 2aa', country: 'gb' },
      },
      id,
    );
    expect((await orderDoc('address')).shippingAddress).toEqual({
      lines: ['10 Downing St'],
      city: 'London',
      postcode: 'SW1A 2AA',
      country: 'GB',
      changedAt: NOW + seq,
      changedBy: 'alice',
    });
    expect((await notesOf(id))[0]?.body).toBe(
      'Changed the delivery address of #address to 10 Downing St, London, SW1A 2AA, GB',
    );
    expect((await auditOf(id)).find((entry) => entry.kind === 'order')?.after).toEqual({ addressChangedAt: NOW + seq });
  });

  it('reships chosen lines as a new shipment with a label and no tracking yet', async () => {
    expect(
      await refusalOf(
        act(alice, {
          type: 'reshipOrder',
          ...on,
          orderId: 'reship',
          lines: [{ sku: 'SKU-A', quantity: 3 }],
          reason: 'lost',
        }),
      ),
    ).toBe('invalid_input: Only 2 of SKU-A on #reship can be sent again; you asked for 3.');
    const id = nextId();
    await act(
      alice,
      {
        type: 'reshipOrder',
        ...on,
        orderId: 'reship',
        lines: [{ sku: 'SKU-A', quantity: 1 }],
        reason: 'Lost in transit',
      },
      id,
    );
    const shipments = (await orderDoc('reship')).shipments;
    expect(shipments).toHaveLength(2);
    expect(shipments[1]).toMatchObject({
      carrier: 'UPS',
      trackingNumber: '',
      status: 'label_created',
      deliveredAt: null,
      replacement: { reason: 'Lost in transit', lines: [{ sku: 'SKU-A', quantity: 1 }], by: 'alice' },
    });
    expect((await notesOf(id))[0]?.body).toBe('Reshipping 1 × SKU-A of #reship — Lost in transit');
  });

  it('refunds by line within the rep’s limit at once', async () => {
    const id = nextId();
    await act(
      alice,
      {
        type: 'refundOrder',
        ...on,
        orderId: 'by-line',
        lines: [{ sku: 'SKU-B', quantity: 1 }],
        reason: 'damaged',
        note: 'box crushed',
      },
      id,
    );
    const order = await orderDoc('by-line');
    expect(order.refunds).toEqual([
      expect.objectContaining({
        amountCents: 1500,
        lines: [{ sku: 'SKU-B', quantity: 1 }],
        reason: 'Damaged in transit: box crushed',
      }),
    ]);
    expect(order.status).toBe('fulfilled');
    expect((await notesOf(id))[0]?.body).toBe(
      'Refunded $15.00 (1 × SKU-B) on #by-line — Damaged in transit: box crushed',
    );
    // Never more than bought minus refunded.
    expect(
      await refusalOf(
        act(alice, {
          type: 'refundOrder',
          ...on,
          orderId: 'by-line',
          lines: [{ sku: 'SKU-B', quantity: 1 }],
          reason: 'damaged',
        }),
      ),
    ).toBe('invalid_input: Only 0 of SKU-B on #by-line can be refunded; you asked for 1.');
  });

  it('holds a rep’s refund above their limit for a lead, who approves it from their app; a rep cannot', async () => {
    const request = nextId();
    await act(alice, { type: 'refundOrder', ...on, orderId: 'big', reason: 'late', note: 'two weeks late' }, request);
    let order = await orderDoc('big');
    expect(order.refunds).toEqual([]);
    expect(order.refundRequests).toEqual([
      expect.objectContaining({
        conversationId: 'conv-pat',
        amountCents: 6000,
        status: 'awaiting_approval',
        requestedBy: 'alice',
      }),
    ]);
    expect((await notesOf(request))[0]?.body).toBe(
      "Refund of $60.00 on #big awaits a lead's approval (above the $50.00 limit) — Arrived late: two weeks late",
    );
    const requestId = order.refundRequests?.[0]?.id ?? '';
    // What waits is not refundable again meanwhile.
    expect(await refusalOf(act(lena, { type: 'refundOrder', ...on, orderId: 'big', reason: 'late' }))).toBe(
      'invalid_input: Nothing is left to refund on #big.',
    );
    expect(await refusalOf(act(alice, { type: 'approveRefund', ...on, orderId: 'big', requestId }))).toBe(
      'forbidden: Only a team lead or an admin can approve a refund that waits for approval. Ask your lead.',
    );
    const approval = nextId();
    await act(lena, { type: 'approveRefund', ...on, orderId: 'big', requestId }, approval);
    order = await orderDoc('big');
    expect(order.status).toBe('refunded');
    expect(order.refunds).toEqual([expect.objectContaining({ amountCents: 6000, by: 'lena', requestId })]);
    expect(order.refundRequests?.[0]).toMatchObject({ status: 'approved', decidedBy: 'lena' });
    expect((await notesOf(approval))[0]).toEqual({
      conversation_id: 'conv-pat',
      author_id: 'lena',
      body: 'Approved and refunded $60.00 on #big — Arrived late: two weeks late',
    });
    const audit = (await auditOf(approval)).find((entry) => entry.kind === 'order');
    expect(audit?.type).toBe('approveRefund');
    expect(audit?.after).toMatchObject({ status: 'refunded', refundedCents: 6000 });
    expect(await refusalOf(act(lena, { type: 'approveRefund', ...on, orderId: 'big', requestId }))).toBe(
      'conflict: That refund on #big was approved already.',
    );
  });

  it('lets a lead decline a waiting refund with a reason; nothing is refunded', async () => {
    await act(alice, { type: 'refundOrder', ...on, orderId: 'declined', reason: 'changed_mind' });
    const requestId = (await orderDoc('declined')).refundRequests?.[0]?.id ?? '';
    expect(
      await refusalOf(act(alice, { type: 'declineRefund', ...on, orderId: 'declined', requestId, reason: 'no' })),
    ).toMatch(/^forbidden: /);
    const id = nextId();
    await act(
      lena,
      { type: 'declineRefund', ...on, orderId: 'declined', requestId, reason: 'Outside the return window' },
      id,
    );
    const order = await orderDoc('declined');
    expect(order.refunds).toEqual([]);
    expect(order.refundRequests?.[0]).toMatchObject({ status: 'declined', declineReason: 'Outside the return window' });
    expect((await notesOf(id))[0]?.body).toBe('Declined the refund of $60.00 on #declined — Outside the return window');
  });

  it('refuses an order of another customer and an unknown order as not_found', async () => {
    const refund = { type: 'refundOrder', ...on, reason: 'damaged' } as const;
    const notFound = 'not_found: That order is not one of this customer’s (or it no longer exists).';
    expect(await refusalOf(act(lena, { ...refund, orderId: 'sams' }))).toBe(notFound);
    expect(await refusalOf(act(lena, { ...refund, orderId: 'no-such-order' }))).toBe(notFound);
    expect((await orderDoc('sams')).refunds).toEqual([]);
  });

  it('never refunds more than captured minus refunded, and applies a repeated id once', async () => {
    // 30.00 captured: one sock (20.00) fits, two do not.
    expect(
      await refusalOf(
        act(lena, {
          type: 'refundOrder',
          ...on,
          orderId: 'partly-captured',
          lines: [{ sku: 'SKU-A', quantity: 2 }],
          reason: 'damaged',
        }),
      ),
    ).toBe('invalid_input: A refund of $40.00 is more than the $30.00 left to refund on #partly-captured.');
    const id = nextId();
    const full = { type: 'refundOrder', ...on, orderId: 'twice', reason: 'goodwill' } as const;
    await act(lena, full, id);
    const repeated = await act(lena, full, id);
    expect(repeated.repeated).toBe(true);
    expect((await orderDoc('twice')).refunds).toHaveLength(1);
    expect(await refusalOf(act(lena, full))).toBe('invalid_input: Nothing is left to refund on #twice.');
  });

  it('uses a rep’s stored limit instead of the default', async () => {
    await setRefundLimit(db, 'alice', 10_000);
    await upsertOrder(db, anOrder('stored-limit', 'pat', true), NOW);
    await act(alice, { type: 'refundOrder', ...on, orderId: 'stored-limit', reason: 'quality' });
    const order = await orderDoc('stored-limit');
    expect(order.refunds.map((refund) => refund.amountCents)).toEqual([6000]);
    expect(order.refundRequests ?? []).toEqual([]);
    await setRefundLimit(db, 'alice', null);
  });
});
