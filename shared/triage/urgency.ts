import type { Order } from '../domain/entities';
import { isLate } from '../suggest/draft';
import type { Sentiment } from './taxonomy';

/** An order is late when a shipment has passed its estimated delivery without arriving. */
export function hasLateOrder(orders: readonly Order[], now: number): boolean {
  return orders.some((order) => order.shipments.some((shipment) => isLate(shipment, now)));
}

/**
 * 0–3: 2 when the customer's latest message is negative, plus 1 when one of their orders is late.
 * An angry customer with a late order (3) comes first in the "most urgent" order of the inbox and
 * of the routing queue (server/services/routing/).
 */
export function urgencyOf(sentiment: Sentiment, lateOrder: boolean): number {
  return (sentiment === 'negative' ? 2 : 0) + (lateOrder ? 1 : 0);
}
