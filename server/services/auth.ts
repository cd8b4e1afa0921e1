import type { User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { SignInRequest } from '../../shared/sync/http';
import type { SignInResponse } from '../../shared/sync/http';
import { storableText } from '../../shared/sync/text';
import { verifyAgainstNothing, verifyPassword } from '../auth/password';
import { findSessionUser, findUserByEmail } from '../db/accounts';
import { createSession, deleteSessionsExpiredBefore } from '../db/sessions';
import type { Sql } from '../db/sql';

const BAD_CREDENTIALS = 'That email and password do not match an account.';
export const DEACTIVATED = 'This account has been deactivated. Ask an admin to reactivate it.';
export const SESSION_EXPIRED = 'Your session has expired. Sign in again.';
/** Expired sessions are kept this long, so a client back from a long absence hears "expired". */
const EXPIRED_SESSIONS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The sign-in body as the server takes it: the email is looked up in SQL, so text PostgreSQL cannot
 * hold (NUL, unpaired surrogates) is refused as invalid input instead of failing inside the query.
 */
export const StorableSignInRequest = SignInRequest.extend({ email: storableText(SignInRequest.shape.email) });

export async function signIn(sql: Sql, request: SignInRequest, now: number, ttlMs: number): Promise<SignInResponse> {
  const found = await findUserByEmail(sql, request.email);
  const ok = found
    ? await verifyPassword(request.password, found.password)
    : await verifyAgainstNothing(request.password);
  if (!found || !ok) throw new CaredeskError('bad_credentials', BAD_CREDENTIALS);
  // Said only to whoever knows the password: it reveals nothing to a guesser.
  if (!found.active) throw new CaredeskError('forbidden', DEACTIVATED);
  const session = await createSession(sql, found.user.id, now, ttlMs);
  // Housekeeping without a timer: each sign-in drops sessions that expired long ago.
  await deleteSessionsExpiredBefore(sql, now - EXPIRED_SESSIONS_KEPT_MS);
  return { token: session.token, expiresAt: session.expiresAt, user: found.user };
}

interface Principal {
  user: User;
  expiresAt: number;
}

/**
 * Resolves a bearer token to its user; throws `unauthorized` or `session_expired`. One query:
 * it runs before every socket event.
 */
export async function authenticate(sql: Sql, token: string, now: number): Promise<Principal> {
  const found = await findSessionUser(sql, token);
  if (!found?.user) throw new CaredeskError('unauthorized', 'Sign in to continue.');
  if (found.expiresAt <= now) throw new CaredeskError('session_expired', SESSION_EXPIRED);
  return { user: found.user, expiresAt: found.expiresAt };
}
