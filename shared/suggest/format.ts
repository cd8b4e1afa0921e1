// How values appear in a reply, and how the grounding check reads them back: one place for both.

const DAY = 86_400_000;
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A day number (days since the epoch, UTC) — the granularity dates are compared at. */
export function dayOf(millis: number): number {
  return Math.floor(millis / DAY);
}

export function addDays(millis: number, days: number): number {
  return millis + days * DAY;
}

/** "Tue 8 Dec" (UTC); "Thu 2 Jan 2025" when `now` is given and the day is over half a year from it. */
export function formatDay(millis: number, now?: number): string {
  const d = new Date(millis);
  const day = `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  // Beyond half a year from now a day without its year reads as another one (the nearest "2 Jan").
  return now !== undefined && Math.abs(millis - now) > HALF_YEAR_MS ? `${day} ${d.getUTCFullYear()}` : day;
}

const HALF_YEAR_MS = 182 * 86_400_000;

const SYMBOLS: Record<string, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  CAD: 'CA$',
  AUD: 'A$',
  NZD: 'NZ$',
  MXN: 'MX$',
  BRL: 'R$',
  INR: '₹',
  CHF: 'CHF ',
};

/** Currencies written without minor units. */
const ZERO_DECIMAL = new Set(['JPY', 'KRW']);

export function minorDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/** "$12.50", "€8.00", "CA$1,200.00", "SEK 99.00": the symbol says the currency without doubt. */
export function formatAmount(cents: number, currency: string): string {
  const digits = minorDigits(currency);
  const value = Math.abs(cents) / 10 ** digits;
  const number = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  return `${cents < 0 ? '-' : ''}${symbol}${number}`;
}

/** Symbol → currency, longest first so "CA$" is read before "$". */
export const SYMBOL_CURRENCIES: readonly (readonly [string, string])[] = [
  ['US$', 'USD'] as const,
  ...Object.entries(SYMBOLS).map(([currency, symbol]) => [symbol.trim(), currency] as const),
].sort((a, b) => b[0].length - a[0].length);

/** The first word of a name; empty when the name is no name (a phone number, an email, a handle Caredesk named them by). */
export function firstName(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  return /^\p{L}[\p{L}\p{M}'’.-]*$/u.test(first) ? first : '';
}
