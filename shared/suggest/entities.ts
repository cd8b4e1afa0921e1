// Values a customer (or a reply) names: order and tracking numbers, emails, phones, dates, amounts.
// The same readers serve the inbound message and the grounding check of a reply.
import { z } from 'zod';
import { dayOf, MONTHS, SYMBOL_CURRENCIES } from './format';

export const ExtractedEntities = z.object({
  /** Digits only, e.g. "1042" for "#1042" or "order 1042". */
  orderNumbers: z.array(z.object({ text: z.string(), digits: z.string() })),
  trackingNumbers: z.array(z.object({ text: z.string(), carrier: z.string().nullable() })),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  /** `day` is days since the epoch (UTC) when the text names a day. */
  dates: z.array(z.object({ text: z.string(), day: z.number().int().nullable() })),
  /** `currency` is null when the text gives none ("12.50"). */
  amounts: z.array(z.object({ text: z.string(), cents: z.number().int(), currency: z.string().nullable() })),
  /** Titles of the customer's line items the text mentions. */
  products: z.array(z.object({ title: z.string(), orderNumber: z.string() })),
});
export type ExtractedEntities = z.infer<typeof ExtractedEntities>;

export const URL_PATTERN = /\bhttps?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?]/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;

/** Carrier tracking-number shapes. Generic long digit runs are read as tracking numbers only beside a carrier word. */
const TRACKING_SHAPES: readonly (readonly [RegExp, string | null])[] = [
  [/\b1Z[0-9A-Z]{16}\b/g, 'UPS'],
  [/\b[A-Z]{2}\d{9}[A-Z]{2}\b/g, null], // UPU S10: USPS international, Royal Mail, La Poste, PostNL…
  [/\b9[1-5]\d{18,20}\b/g, 'USPS'],
  [/\bJ[JD]\d{16,18}\b/g, 'DHL'],
  [/\b3S[A-Z]{4}\d{7,}\b/g, 'PostNL'],
  [/\b\d{12}\b|\b\d{15}\b/g, 'FedEx'],
  [/\b\d{10}\b/g, 'DHL'],
];
/** Digit-only shapes that are also phone numbers or other ids: counted only when the text speaks of tracking. */
const AMBIGUOUS_CARRIERS = new Set(['FedEx', 'DHL']);

const ORDER_NUMBER = /#\s?(\d{3,10})\b|\border\s*(?:number|no\.?|num|n[ºo°])?\s*[:#]?\s*(\d{3,10})\b/gi;
const PHONE = /(?<![\w#])\+?\d[\d\s().-]{7,}\d\b/g;

const CODES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'NZD', 'MXN', 'BRL', 'INR', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN'];
const WORD_CURRENCIES: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  bucks: 'USD',
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SYMBOL_ALT = SYMBOL_CURRENCIES.map(([symbol]) => escape(symbol)).join('|');
const NUMBER = String.raw`\d{1,3}(?:[,.\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const AMOUNT = new RegExp(
  String.raw`(?:(${SYMBOL_ALT})\s?(${NUMBER}))|(?:\b(${CODES.join('|')})\s?(${NUMBER}))|(?:(${NUMBER})\s?(${SYMBOL_ALT}|${CODES.join('|')}|${Object.keys(WORD_CURRENCIES).join('|')})\b)`,
  'gi',
);

/** "1,234.56", "1.234,56", "12,50", "12" → minor units. */
export function parseNumber(text: string, digits = 2): number | null {
  const clean = text.replace(/\s/g, '');
  const lastSep = Math.max(clean.lastIndexOf('.'), clean.lastIndexOf(','));
  let whole = clean;
  let fraction = '';
  if (lastSep >= 0 && clean.length - lastSep - 1 <= 2) {
    whole = clean.slice(0, lastSep);
    fraction = clean.slice(lastSep + 1);
  }
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return null;
  const minor = Number((fraction + '00').slice(0, Math.max(digits, 0)) || '0');
  return Number(whole) * 10 ** digits + (digits === 0 ? 0 : minor);
}

function currencyOf(token: string): string | null {
  const upper = token.toUpperCase();
  if (CODES.includes(upper)) return upper;
  const word = WORD_CURRENCIES[token.toLowerCase()];
  if (word) return word;
  return SYMBOL_CURRENCIES.find(([symbol]) => symbol.toUpperCase() === upper)?.[1] ?? null;
}

export function extractAmounts(text: string): ExtractedEntities['amounts'] {
  const found: ExtractedEntities['amounts'] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const currencyToken = m[1] ?? m[3] ?? m[6] ?? '';
    const numberText = m[2] ?? m[4] ?? m[5] ?? '';
    const currency = currencyOf(currencyToken);
    const cents = parseNumber(numberText, currency === 'JPY' ? 0 : 2);
    if (cents === null) continue;
    found.push({ text: m[0].trim(), cents, currency });
  }
  return found;
}

export function extractOrderNumbers(text: string): ExtractedEntities['orderNumbers'] {
  const seen = new Set<string>();
  const found: ExtractedEntities['orderNumbers'] = [];
  for (const m of text.matchAll(ORDER_NUMBER)) {
    const digits = m[1] ?? m[2] ?? '';
    if (seen.has(digits)) continue;
    seen.add(digits);
    found.push({ text: m[0].trim(), digits });
  }
  return found;
}

export function extractTrackingNumbers(text: string): ExtractedEntities['trackingNumbers'] {
  const speaksOfTracking =
    /track|shipment|parcel|package|colis|paket|pedido|seguimiento|sendung|pacco|pakket|rastreio|fedex|dhl/i.test(text);
  const taken: [number, number][] = [];
  const found: ExtractedEntities['trackingNumbers'] = [];
  for (const [pattern, carrier] of TRACKING_SHAPES) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      if (carrier && AMBIGUOUS_CARRIERS.has(carrier) && !speaksOfTracking) continue;
      // "#1042123456" is an order number, not a parcel.
      if (text[start - 1] === '#') continue;
      taken.push([start, end]);
      found.push({ text: m[0], carrier });
    }
  }
  return found;
}

export function extractEmails(text: string): string[] {
  return [...new Set(text.match(EMAIL) ?? [])];
}

export function extractPhones(text: string): string[] {
  return [...text.matchAll(PHONE)]
    .map((m) => m[0].trim())
    .filter((p) => {
      const digits = p.replace(/\D/g, '');
      return digits.length >= 9 && digits.length <= 15;
    });
}

const MONTH_NAMES: Record<string, number> = {};
const LONG_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
LONG_MONTHS.forEach((name, i) => {
  MONTH_NAMES[name] = i;
  MONTH_NAMES[name.slice(0, 3)] = i;
});
MONTH_NAMES.sept = 8;
const MONTH_ALT = Object.keys(MONTH_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|');
const WEEKDAY_ALT = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?,?';

const DATE_PATTERNS: readonly RegExp[] = [
  /\b(\d{4})-(\d{2})-(\d{2})\b/g,
  new RegExp(
    String.raw`\b(?:${WEEKDAY_ALT}\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_ALT})\.?(?:\s+(\d{4}))?\b`,
    'gi',
  ),
  new RegExp(
    String.raw`\b(?:${WEEKDAY_ALT}\s+)?(${MONTH_ALT})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`,
    'gi',
  ),
  /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/g,
  /\b(today|tomorrow|yesterday)\b/gi,
];

/** The year that puts month/day nearest to `now`. */
function nearestDay(month: number, date: number, now: number): number {
  const year = new Date(now).getUTCFullYear();
  const candidates = [year - 1, year, year + 1].map((y) => Date.UTC(y, month, date));
  const best = candidates.reduce((a, b) => (Math.abs(b - now) < Math.abs(a - now) ? b : a));
  return dayOf(best);
}

export function extractDates(text: string, now: number): ExtractedEntities['dates'] {
  const taken: [number, number][] = [];
  const found: ExtractedEntities['dates'] = [];
  DATE_PATTERNS.forEach((pattern, which) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      let day: number | null = null;
      if (which === 0) day = dayOf(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      else if (which === 1 || which === 2) {
        const dateText = which === 1 ? m[1] : m[2];
        const monthText = (which === 1 ? m[2] : m[1]) ?? '';
        const month = MONTH_NAMES[monthText.toLowerCase()];
        const date = Number(dateText);
        if (month === undefined || date < 1 || date > 31) continue;
        day = m[3] ? dayOf(Date.UTC(Number(m[3]), month, date)) : nearestDay(month, date, now);
      } else if (which === 3) {
        // 8/12 is ambiguous between day/month and month/day: kept as a date, its day unknown.
        if (Number(m[1]) > 31 || Number(m[2]) > 31) continue;
      } else {
        const word = (m[1] ?? '').toLowerCase();
        day = dayOf(now) + (word === 'tomorrow' ? 1 : word === 'yesterday' ? -1 : 0);
      }
      taken.push([start, end]);
      found.push({ text: m[0].trim(), day });
    }
  });
  return found;
}

export { MONTHS };
