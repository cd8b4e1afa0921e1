import { describe, expect, it } from 'vitest';
import type { Order } from './entities';
import { formatMoney, lifetimeValue } from './money';

function order(
  id: string,
  totalCents: number,
  status: Order['status'],
  refunds: number[] = [],
  currency = 'USD',
): Order {
  return {
    id,
    customerId: 'c1',
    number: `#${id}`,
    placedAt: 0,
    status,
    currency,
    subtotalCents: totalCents,
    shippingCents: 0,
    taxCents: 0,
    totalCents,
    lineItems: [],
    payments: [],
    shipments: [],
    returns: [],
    refunds: refunds.map((amountCents, i) => ({ id: `${id}-r${i}`, amountCents, reason: 'r', createdAt: 0 })),
  };
}

describe('lifetimeValue', () => {
  it('adds what was paid and takes off refunds', () => {
    expect(lifetimeValue([order('1', 10_000, 'fulfilled'), order('2', 5_000, 'refunded', [5_000])])).toEqual([
      { currency: 'USD', cents: 10_000 },
    ]);
    expect(lifetimeValue([order('1', 12_000, 'fulfilled', [2_000, 1_000])])).toEqual([
      { currency: 'USD', cents: 9_000 },
    ]);
  });

  it('keeps each currency apart, largest first, never adding cents of one to another', () => {
    expect(
      lifetimeValue([
        order('1', 4_000, 'fulfilled', [], 'GBP'),
        order('2', 10_000, 'fulfilled', [1_000], 'USD'),
        order('3', 2_000, 'paid', [], 'GBP'),
      ]),
    ).toEqual([
      { currency: 'USD', cents: 9_000 },
      { currency: 'GBP', cents: 6_000 },
    ]);
  });

  it('leaves out cancelled orders', () => {
    expect(lifetimeValue([order('1', 10_000, 'cancelled'), order('2', 2_500, 'paid')])).toEqual([
      { currency: 'USD', cents: 2_500 },
    ]);
  });

  it('is empty without orders', () => {
    expect(lifetimeValue([])).toEqual([]);
  });
});

describe('formatMoney', () => {
  it('formats minor units in the currency', () => {
    expect(formatMoney(31_609, 'USD')).toBe('$316.09');
    expect(formatMoney(-500, 'USD')).toBe('-$5.00');
    expect(formatMoney(129_900, 'GBP', 'en-GB')).toBe('£1,299.00');
  });
});
