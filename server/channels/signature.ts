import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Verdict } from './provider';

/** Compares in constant time; texts of different lengths are unequal without comparing bytes. */
export function sameText(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmac(
  algorithm: 'sha1' | 'sha256',
  key: string,
  data: string | Buffer,
  encoding: 'hex' | 'base64',
): string {
  return createHmac(algorithm, key).update(data).digest(encoding);
}

/** The single value of a header (the first, when repeated). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Checks `received` (a header's value) against `expected`, naming the header in the verdict. */
export function signatureVerdict(name: string, expected: string, received: string | undefined): Verdict {
  if (received === undefined || received === '') return { ok: false, missing: true, reason: `${name} is missing` };
  return sameText(expected, received)
    ? { ok: true }
    : { ok: false, missing: false, reason: `${name} does not match the body` };
}

/**
 * A header of "sha256=" and the HMAC-SHA256 of the raw body (Meta: hex, with the app secret; X:
 * base64, with the consumer secret).
 */
export function bodyHmacVerdict(
  raw: Buffer,
  headers: IncomingHttpHeaders,
  name: string,
  secret: string,
  encoding: 'hex' | 'base64',
): Verdict {
  return signatureVerdict(name, `sha256=${hmac('sha256', secret, raw, encoding)}`, header(headers, name));
}

/** HTTP Basic credentials (the provider puts them in the webhook URL it calls), checked in constant time. */
export function basicAuthVerdict(headers: IncomingHttpHeaders, user: string, password: string): Verdict {
  const value = header(headers, 'authorization');
  const match = value ? /^Basic\s+(\S+)$/i.exec(value) : null;
  if (!match?.[1]) return { ok: false, missing: true, reason: 'Basic credentials are missing' };
  const given = Buffer.from(match[1], 'base64').toString('utf8');
  // Both compared whatever the first gives, so the time taken says nothing about which was wrong.
  const userOk = sameText(user, given.slice(0, Math.max(0, given.indexOf(':'))));
  const passwordOk = sameText(password, given.slice(given.indexOf(':') + 1));
  return given.includes(':') && userOk && passwordOk
    ? { ok: true }
    : { ok: false, missing: false, reason: 'Basic credentials do not match' };
}
