// Which of the customer's orders a message is about, and which of their products it names.
import type { Order } from '../domain/entities';
import type { ExtractedEntities } from './entities';

export function orderDigits(order: Order): string {
  return order.number.replace(/\D/g, '');
}

/** Delivered means every shipment arrived; an order with no shipment yet is not delivered. */
export function isDelivered(order: Order): boolean {
  return order.shipments.length > 0 && order.shipments.every((s) => s.status === 'delivered');
}

function isOpen(order: Order): boolean {
  return order.status !== 'cancelled' && order.status !== 'refunded' && !isDelivered(order);
}

const newestFirst = (a: Order, b: Order) => b.placedAt - a.placedAt || a.id.localeCompare(b.id);

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Line items the text mentions: every word of a title's significant words (three letters or more)
 * appears in the text, or the title's last significant word (the noun: "kettle" of "Steel Kettle")
 * does.
 */
export function matchProducts(text: string, orders: readonly Order[]): ExtractedEntities['products'] {
  const inText = new Set(words(text).flatMap((w) => [w, w.replace(/s$/, '')]));
  const found: ExtractedEntities['products'] = [];
  for (const order of [...orders].sort(newestFirst)) {
    for (const item of order.lineItems) {
      // "Everyday Trail Tee, White / M": the name before the variant is what customers write.
      const name = item.title.split(',')[0] ?? item.title;
      const significant = words(name).filter((w) => w.length >= 3);
      const noun = significant.at(-1);
      if (significant.length === 0 || noun === undefined) continue;
      if (significant.every((w) => inText.has(w)) || inText.has(noun)) {
        found.push({ title: item.title, orderNumber: order.number });
      }
    }
  }
  return found;
}

export type OrderChoice = 'named' | 'product' | 'undelivered' | 'recent' | 'none';

/**
 * The order a message is about: one it names by number; else the newest holding a product it
 * names; else the newest not yet delivered; else the newest.
 */
export function selectOrder(
  entities: Pick<ExtractedEntities, 'orderNumbers' | 'products'>,
  orders: readonly Order[],
): { order: Order | null; why: OrderChoice } {
  const sorted = [...orders].sort(newestFirst);
  for (const named of entities.orderNumbers) {
    const order = sorted.find((o) => orderDigits(o) === named.digits);
    if (order) return { order, why: 'named' };
  }
  const byProduct = entities.products[0];
  if (byProduct) {
    const order = sorted.find((o) => o.number === byProduct.orderNumber);
    if (order) return { order, why: 'product' };
  }
  const open = sorted.find(isOpen);
  if (open) return { order: open, why: 'undelivered' };
  const recent = sorted[0];
  return recent ? { order: recent, why: 'recent' } : { order: null, why: 'none' };
}
