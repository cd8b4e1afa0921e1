import type { Verdict } from '../provider';
import { hmac, sameText } from '../signature';

/**
 * Twilio's X-Twilio-Signature: base64 HMAC-SHA1, keyed by the auth token, of the full URL Twilio
 * called followed by every POST parameter sorted by name, each as name then value (decoded). A
 * repeated name contributes each of its distinct values, sorted.
 */
export function twilioSignature(authToken: string, url: string, params: readonly [string, string][]): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) byName.set(name, (byName.get(name) ?? new Set()).add(value));
  let data = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...(byName.get(name) ?? [])].sort()) data += name + value;
  }
  return hmac('sha1', authToken, Buffer.from(data, 'utf8'), 'base64');
}

/**
 * The URL as configured, and the same with the scheme's default port written out and left off:
 * Twilio has signed either form, so a delivery signed over any of them is accepted.
 */
export function urlVariants(url: string): string[] {
  const parsed = new URL(url);
  const rest = parsed.pathname + parsed.search;
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
  const bare = `${parsed.protocol}//${parsed.hostname}`;
  return [
    ...new Set([
      url,
      `${bare}${parsed.port ? `:${parsed.port}` : ''}${rest}`,
      `${bare}${rest}`,
      `${bare}:${defaultPort}${rest}`,
    ]),
  ];
}

export function verifyTwilio(
  authToken: string,
  url: string,
  params: readonly [string, string][],
  received: string | undefined,
): Verdict {
  if (received === undefined || received === '')
    return { ok: false, missing: true, reason: 'X-Twilio-Signature is missing' };
  // Every variant is computed and compared, so the time taken does not say which one matched.
  const matches = urlVariants(url).map((candidate) =>
    sameText(twilioSignature(authToken, candidate, params), received),
  );
  return matches.includes(true)
    ? { ok: true }
    : { ok: false, missing: false, reason: `X-Twilio-Signature does not match ${url} and its parameters` };
}
