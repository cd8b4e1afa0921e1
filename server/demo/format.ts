import type { Country } from './catalog';

/** Formatters are cached: building Intl objects per message would dominate 100k-conversation runs. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

const LOCALE: Record<Country, string> = { US: 'en-US', GB: 'en-GB' };

export function formatDay(at: number, country: Country, timeZone: string): string {
  const key = `${country}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[country], { weekday: 'long', month: 'long', day: 'numeric', timeZone });
    dateFormats.set(key, format);
  }
  return format.format(at);
}

export function formatAmount(cents: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(currency === 'GBP' ? 'en-GB' : 'en-US', { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(cents / 100);
}

/** Splits digits into groups, e.g. ("4155550132", [3,3,4]) → ["415","555","0132"]. */
export function groupDigits(digits: string, groups: readonly number[]): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts;
}
