import { describe, expect, it } from 'vitest';
import type { Conversation, Order, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { refundableCents, refundableQuantities, refundLimitOf, validAddress } from '../../domain/order-rules';
import { applyToConversation, applyToOrder, checkAction, isOrderAction } from './index';
import type { OrderAction } from './index';

import { conversation as base, person } from './testing';

const conversation: Conversation = { ...base, customerId: 'pat' };
const rep = person('rep', 'rep');
const lead = person('lead', 'lead');
const on = { conversationId: 'c1', seenAssigneeId: null, orderId: 'o1' };

function order(shipment: Order['shipments'][number]['status'] | null, captured = 6000): Order {
  return {
    id: 'o1',
    customerId: 'pat',
    number: '#1042',
    placedAt: 1,
    status: 'paid',
    currency: 'USD',
    subtotalCents: 5500,
    shippingCents: 500,
    taxCents: 0,
    totalCents: 6000,
    lineItems: [
      { sku: 'A', title: 'Sock', quantity: 2, unitPriceCents: 2000 },
      { sku: 'B', title: 'Cap', quantity: 1, unitPriceCents: 1500 },
    ],
    payments: [{ id: 'p', method: 'card', amountCents: captured, status: 'captured', processedAt: 1 }],
    shipments: shipment
      ? [
          {
            id: 's',
            carrier: 'UPS',
            trackingNumber: '1Z',
            trackingUrl: '',
            status: shipment,
            shippedAt: 1,
            estimatedDelivery: 2,
            deliveredAt: null,
            events: [],
          },
        ]
      : [],
    returns: [],
    refunds: [],
  };
}

function refusal(action: OrderAction, held: Order | null, actor: User = rep): string | null {
  try {
    checkAction(action, { actor, conversation, now: 100, user: () => null, order: () => held });
    return null;
  } catch (error) {
    if (!(error instanceof CaredeskError)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

const ctx = (actor: User, refundLimitCents: number | null) => {
  let n = 0;
  return { actor, now: 100, conversationId: 'c1', newId: () => `id-${++n}`, refundLimitCents };
};

describe('order actions', () => {
  it('are order actions that leave the conversation as it is', () => {
    const cancel = { type: 'cancelOrder', ...on, reason: 'twice' } as const;
    expect(isOrderAction(cancel)).toBe(true);
    expect(isOrderAction({ type: 'note', conversationId: 'c1', seenAssigneeId: null, body: 'x' })).toBe(false);
    expect(applyToConversation(conversation, cancel, 20)).toBe(conversation);
  });

  it('refuse an order the deciding side does not hold, or of another customer', () => {
    const cancel = { type: 'cancelOrder', ...on, reason: 'twice' } as const;
    const notFound = 'not_found: That order is not one of this customer’s (or it no longer exists).';
    expect(refusal(cancel, null)).toBe(notFound);
    expect(refusal(cancel, { ...order(null), customerId: 'sam' })).toBe(notFound);
  });

  it('refuse to reship an order a connected store keeps, naming the store; the others go to the store', () => {
    const shopify = { ...order(null), source: 'shopify' };
    expect(refusal({ type: 'reshipOrder', ...on, lines: [{ sku: 'A', quantity: 1 }], reason: 'lost' }, shopify)).toBe(
      'invalid_input: Order #1042 is kept in Shopify, which Caredesk cannot ask for this: do it in Shopify.',
    );
    expect(
      refusal({ type: 'reshipOrder', ...on, lines: [{ sku: 'A', quantity: 1 }], reason: 'lost' }, order(null)),
    ).toBeNull();
    expect(refusal({ type: 'cancelOrder', ...on, reason: 'twice' }, shopify)).toBeNull();
    expect(refusal({ type: 'refundOrder', ...on, reason: 'damaged', note: 'x' }, shopify)).toBeNull();
  });

  it('cancel only what has not shipped, refunding what was captured', () => {
    const cancel = { type: 'cancelOrder', ...on, reason: 'twice' } as const;
    expect(refusal(cancel, order('label_created'))).toBeNull();
    expect(refusal(cancel, order('in_transit'))).toBe(
      'conflict: Order #1042 has shipped: it can no longer be cancelled.',
    );
    expect(refusal(cancel, { ...order(null), status: 'refunded' })).toBe(
      'conflict: Order #1042 is refunded: it cannot be cancelled.',
    );
    const { order: cancelled, event } = applyToOrder(order(null), cancel, ctx(rep, 0));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.refunds.map((refund) => refund.amountCents)).toEqual([6000]);
    expect(event).toBe('Cancelled order #1042, refunded $60.00 — twice');
  });

  it('change an address only when it is whole: lines, city, postcode of its country, ISO country', () => {
    const address = { lines: ['1 Main St', ' '], city: ' Springfield ', postcode: '62701', country: 'us' };
    expect(validAddress(address)).toEqual({
      lines: ['1 Main St'],
      city: 'Springfield',
      postcode: '62701',
      country: 'US',
    });
    const change = (patch: Partial<typeof address>) =>
      refusal({ type: 'changeOrderAddress', ...on, address: { ...address, ...patch } }, order(null));
    expect(change({})).toBeNull();
    expect(change({ lines: [' '] })).toBe('invalid_input: The address needs at least one street line.');
    expect(change({ city: '' })).toBe('invalid_input: The address needs a city (at most 100 characters).');
    expect(change({ postcode: 'SW1A 1AA' })).toBe('invalid_input: “SW1A 1AA” is not a postcode of US.');
    expect(change({ country: 'QQ' })).toBe(
      'invalid_input: “QQ” is not a country code: use two letters, e.g. US or GB.',
    );
    expect(refusal({ type: 'changeOrderAddress', ...on, address }, order('delivered'))).toMatch(/^conflict: /);
  });

  it('reship no more than was bought, never a cancelled order', () => {
    const reship = (quantity: number): OrderAction => ({
      type: 'reshipOrder',
      ...on,
      lines: [{ sku: 'A', quantity }],
      reason: 'lost',
    });
    expect(refusal(reship(2), order('delivered'))).toBeNull();
    expect(refusal(reship(3), order('delivered'))).toBe(
      'invalid_input: Only 2 of A on #1042 can be sent again; you asked for 3.',
    );
    expect(
      refusal({ type: 'reshipOrder', ...on, lines: [{ sku: 'Z', quantity: 1 }], reason: 'lost' }, order('delivered')),
    ).toBe('invalid_input: Order #1042 has no line Z.');
    expect(refusal(reship(1), { ...order(null), status: 'cancelled' })).toMatch(/^conflict: /);
  });

  it('refund by line from the unit prices, never beyond what was bought or captured', () => {
    const refund = (lines?: { sku: string; quantity: number }[]) =>
      ({ type: 'refundOrder', ...on, reason: 'damaged', ...(lines ? { lines } : {}) }) as const;
    expect(refusal(refund([{ sku: 'A', quantity: 2 }]), order('delivered'))).toBeNull();
    expect(
      refusal(
        refund([
          { sku: 'A', quantity: 1 },
          { sku: 'A', quantity: 2 },
        ]),
        order('delivered'),
      ),
    ).toBe('invalid_input: Only 2 of A on #1042 can be refunded; you asked for 3.');
    expect(refusal(refund([{ sku: 'A', quantity: 2 }]), order('delivered', 3000))).toBe(
      'invalid_input: A refund of $40.00 is more than the $30.00 left to refund on #1042.',
    );
    const once = applyToOrder(order('delivered'), refund([{ sku: 'A', quantity: 1 }]), ctx(rep, null)).order;
    expect(refundableQuantities(once).get('A')).toBe(1);
    expect(refundableCents(once)).toBe(4000);
    const all = applyToOrder(once, refund(), ctx(rep, null));
    expect(all.order.status).toBe('refunded');
    expect(all.event).toBe('Refunded $40.00 on #1042 — Damaged in transit');
    expect(refusal(refund(), all.order)).toBe('invalid_input: Nothing is left to refund on #1042.');
  });

  it('hold a refund above the actor’s limit as a request a lead decides; reps cannot decide', () => {
    expect(refundLimitOf(rep, null)).toBe(5000);
    expect(refundLimitOf(rep, 12000)).toBe(12000);
    expect(refundLimitOf(lead, 100)).toBeNull();
    const held = applyToOrder(order('delivered'), { type: 'refundOrder', ...on, reason: 'late' }, ctx(rep, 5000));
    expect(held.order.refunds).toEqual([]);
    expect(held.order.refundRequests).toEqual([
      expect.objectContaining({ id: 'id-1', amountCents: 6000, status: 'awaiting_approval', requestedBy: 'rep' }),
    ]);
    expect(refundableCents(held.order)).toBe(0);
    const approve = { type: 'approveRefund', ...on, requestId: 'id-1' } as const;
    expect(refusal(approve, held.order, rep)).toBe(
      'forbidden: Only a team lead or an admin can approve a refund that waits for approval. Ask your lead.',
    );
    expect(refusal({ ...approve, requestId: 'nope' }, held.order, lead)).toBe(
      'not_found: That refund request is not on #1042.',
    );
    const approved = applyToOrder(held.order, approve, ctx(lead, null)).order;
    expect(approved.status).toBe('refunded');
    expect(approved.refunds).toEqual([expect.objectContaining({ amountCents: 6000, requestId: 'id-1', by: 'lead' })]);
    expect(refusal(approve, approved, lead)).toBe('conflict: That refund on #1042 was approved already.');
    const declined = applyToOrder(
      held.order,
      { type: 'declineRefund', ...on, requestId: 'id-1', reason: 'no' },
      ctx(lead, null),
    );
    expect(declined.order.refunds).toEqual([]);
    expect(refundableCents(declined.order)).toBe(6000);
  });
});
