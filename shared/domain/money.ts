import type { Order } from './entities';

/** What a customer has paid over their lifetime, net of refunds, in minor units. */
export function lifetimeValueCents(orders: readonly Order[]): number {
  let total = 0;
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    total += order.totalCents;
    for (const refund of order.refunds) total -= refund.amountCents;
  }
  return total;
}

export function formatMoney(cents: number, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}
