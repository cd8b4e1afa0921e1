import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from './sql';
import { num } from './sql';

/** Only the sha256 of a token is stored: a leaked database does not leak live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface NewSession {
  token: string;
  expiresAt: number;
}

export async function createSession(sql: Sql, userId: string, now: number, ttlMs: number): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + ttlMs;
  await sql.query('insert into sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)', [
    hashToken(token),
    userId,
    now,
    expiresAt,
  ]);
  return { token, expiresAt };
}

type SessionLookup =
  | { status: 'valid'; userId: string; expiresAt: number }
  | { status: 'expired'; userId: string; expiresAt: number }
  | { status: 'unknown' };

export async function findSession(sql: Sql, token: string, now: number): Promise<SessionLookup> {
  const rows = await sql.query<{ user_id: string; expires_at: string | number }>(
    'select user_id, expires_at from sessions where token_hash = $1',
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return { status: 'unknown' };
  const expiresAt = num(row.expires_at);
  return { status: expiresAt <= now ? 'expired' : 'valid', userId: row.user_id, expiresAt };
}

export async function deleteSession(sql: Sql, token: string): Promise<void> {
  await sql.query('delete from sessions where token_hash = $1', [hashToken(token)]);
}

/** Deletes sessions that expired before `before`. */
export async function deleteSessionsExpiredBefore(sql: Sql, before: number): Promise<void> {
  await sql.query('delete from sessions where expires_at < $1', [before]);
}
