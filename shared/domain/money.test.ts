import { describe, expect, it } from 'vitest';
import type { Order } from './entities';
import { formatMoney, lifetimeValueCents } from './money';

function order(id: string, totalCents: number, status: Order['status'], refunds: number[] = []): Order {
  return {
    id,
    customerId: 'c1',
    number: `#${id}`,
    placedAt: 0,
    status,
    currency: 'USD',
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

describe('lifetimeValueCents', () => {
  it('adds what was paid and takes off refunds', () => {
    expect(lifetimeValueCents([order('1', 10_000, 'fulfilled'), order('2', 5_000, 'refunded', [5_000])])).toBe(10_000);
    expect(lifetimeValueCents([order('1', 12_000, 'fulfilled', [2_000, 1_000])])).toBe(9_000);
  });

  it('leaves out cancelled orders', () => {
    expect(lifetimeValueCents([order('1', 10_000, 'cancelled'), order('2', 2_500, 'paid')])).toBe(2_500);
  });

  it('is zero without orders', () => {
    expect(lifetimeValueCents([])).toBe(0);
  });
});

describe('formatMoney', () => {
  it('formats minor units in the currency', () => {
    expect(formatMoney(31_609, 'USD')).toBe('$316.09');
    expect(formatMoney(-500, 'USD')).toBe('-$5.00');
    expect(formatMoney(129_900, 'GBP', 'en-GB')).toBe('£1,299.00');
  });
});
