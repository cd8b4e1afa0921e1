import type { Order } from './entities';

/** An amount in one currency, in minor units. */
export interface Amount {
  currency: string;
  cents: number;
}

/**
 * What a customer has paid over their lifetime, net of refunds: one amount per currency they
 * paid in (amounts in different currencies are never added), largest first.
 */
export function lifetimeValue(orders: readonly Order[]): Amount[] {
  const totals = new Map<string, number>();
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    let net = order.totalCents;
    for (const refund of order.refunds) net -= refund.amountCents;
    totals.set(order.currency, (totals.get(order.currency) ?? 0) + net);
  }
  return [...totals]
    .map(([currency, cents]) => ({ currency, cents }))
    .sort((a, b) => b.cents - a.cents || a.currency.localeCompare(b.currency));
}

export function formatMoney(cents: number, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}
