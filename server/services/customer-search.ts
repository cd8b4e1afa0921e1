import { normalizeEmail, normalizeHandle, normalizePhone } from '../../shared/domain/identity';
import type { SearchKeys } from '../db/lookups';

/** Fewer digits than this match too many numbers' ends to mean one customer. */
const MIN_PHONE_DIGITS = 7;

/**
 * What a rep's search text can be, each as stored: a phone number (E.164 when written with its
 * country code; otherwise its national digits, matched on the end of stored numbers, so
 * "020 7946 0958" finds +44 20 7946 0958 and "(415) 555-0142" finds +1 415 555 0142 whatever
 * country the server is in), an email, a handle, an order number ("1042" or "#1042"), a tracking
 * number (spaces and case ignored) or part of a name. One text may be several of these; the
 * search tries them all.
 */
export function searchKeys(query: string): SearchKeys {
  const text = query.trim();
  const compact = text.replace(/\s+/g, '');
  const digits = text.replace(/\D/g, '');
  const looksLikePhone = /^(tel:)?[+(]?[\d\s()./-]+$/i.test(text) && digits.length >= MIN_PHONE_DIGITS;
  const international = /^(tel:)?(\+|00)/i.test(text);
  const orderDigits = /^#?\s*(\d+)$/.exec(text)?.[1];
  return {
    phone: looksLikePhone && international ? normalizePhone(text) : null,
    // A national number: its digits without the trunk 0 (UK "020…") are the end of the E.164 form.
    phoneEnd: looksLikePhone && !international ? digits.replace(/^0/, '') : null,
    email: text.includes('@') && !text.startsWith('@') ? normalizeEmail(text) : null,
    handle: /^@?[\w.-]+$/.test(text) ? normalizeHandle(text) : null,
    orderNumbers: orderDigits === undefined ? [text] : [`#${orderDigits}`, orderDigits],
    trackingNumber: /^[A-Za-z0-9]{8,40}$/.test(compact) ? compact.toUpperCase() : null,
    name: text.length >= 2 ? text.toLowerCase() : null,
  };
}
