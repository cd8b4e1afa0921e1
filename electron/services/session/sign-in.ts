import { CaredeskError, ErrorBody } from '../../../shared/domain';
import { HttpRoutes, SignInResponse } from '../../../shared/sync';
import type { SignInRequest } from '../../../shared/sync';

export type FetchLike = typeof fetch;

/** POST /api/session; maps failures to errors a rep can act on. */
export async function requestSession(
  fetchFn: FetchLike,
  serverUrl: string,
  request: SignInRequest,
): Promise<SignInResponse> {
  let response: Response;
  try {
    response = await fetchFn(new URL(HttpRoutes.signIn, serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw unreachable(serverUrl);
  }
  if (response.status === 401) throw new CaredeskError('bad_credentials', 'Wrong email or password.');
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = ErrorBody.safeParse(body);
    if (error.success && error.data.code !== 'internal') throw new CaredeskError(error.data.code, error.data.message);
    throw new CaredeskError(
      'internal',
      `The Caredesk server at ${serverUrl} answered with an error (HTTP ${response.status}). Try again shortly.`,
    );
  }
  const parsed = SignInResponse.safeParse(body);
  if (!parsed.success) {
    throw new CaredeskError(
      'protocol_mismatch',
      `The server at ${serverUrl} did not answer like a Caredesk server. Check the server address.`,
    );
  }
  return parsed.data;
}

/**
 * DELETE /api/session: ends the session on the server too, so the token is worthless even if a
 * copy survives. Best effort: offline, the token simply expires.
 */
export async function endServerSession(fetchFn: FetchLike, serverUrl: string, token: string): Promise<boolean> {
  try {
    const response = await fetchFn(new URL(HttpRoutes.signOut, serverUrl), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(3_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function unreachable(serverUrl: string): CaredeskError {
  return new CaredeskError(
    'server_unreachable',
    `Can't reach the Caredesk server at ${serverUrl}. Check your connection or the server address.`,
  );
}
