// The sign-in token as the engine keeps it in the secret store: one entry per cache.

/**
 * The keychain account of one cache's token. The desktop app and `npm run web` may share the
 * server URL and the keychain service; the install id (random, made once, kept in the cache's
 * meta) keeps each cache's token to itself.
 */
export function tokenAccount(serverUrl: string, installId: string): string {
  return `session-token@${serverUrl}#${installId}`;
}

/** The token with the user it was issued to, so that it never syncs another user's cache. */
export interface StoredToken {
  token: string;
  userId: string;
}

export function encodeStoredToken(stored: StoredToken): string {
  return JSON.stringify({ token: stored.token, userId: stored.userId });
}

/** Null for anything else (nothing stored, or an entry of an older build: plain token text). */
export function decodeStoredToken(raw: string | null): StoredToken | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { token, userId } = value as Record<string, unknown>;
  return typeof token === 'string' && typeof userId === 'string' && token !== '' && userId !== ''
    ? { token, userId }
    : null;
}
