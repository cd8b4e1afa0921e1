import type { Order } from '../domain/entities';
import {
  extractAmounts,
  extractDates,
  extractEmails,
  extractOrderNumbers,
  extractPhones,
  extractTrackingNumbers,
  URL_PATTERN,
  type ExtractedEntities,
} from './entities';
import { matchProducts } from './orders';

/** Every entity of an inbound message; products are looked for among the customer's own line items. */
export function extractEntities(text: string, orders: readonly Order[], now: number): ExtractedEntities {
  // Links carry ids of their own (tracking numbers in a carrier's URL): read the rest without them.
  const withoutLinks = text.replace(URL_PATTERN, ' ');
  const emails = extractEmails(withoutLinks);
  const rest = emails.reduce((t, e) => t.replace(e, ' '), withoutLinks);
  const orderNumbers = extractOrderNumbers(rest);
  const trackingNumbers = extractTrackingNumbers(rest).filter((t) => !orderNumbers.some((o) => o.digits === t.text));
  const withoutIds = [...orderNumbers.map((o) => o.text), ...trackingNumbers.map((t) => t.text)].reduce(
    (t, id) => t.replace(id, ' '),
    rest,
  );
  return {
    orderNumbers,
    trackingNumbers,
    emails,
    phones: extractPhones(withoutIds),
    dates: extractDates(withoutIds, now),
    amounts: extractAmounts(withoutIds),
    products: matchProducts(text, orders),
  };
}
