// A signed-in request to the server's HTTP API (what is not an action or a lookup: erasing a
// customer, a team's settings). Offline it fails with `server_unreachable` and the caller's words.
import { CaredeskError, ErrorBody } from '../../../shared/domain';
import type { FetchLike } from '../session/sign-in';

export interface ServerCallDeps {
  serverUrl: string;
  fetch: FetchLike;
  /** The session's token, or null when there is none to send. */
  token: () => Promise<string | null>;
}

/**
 * Sends `body` as JSON with the session's token; answers the parsed JSON body of a 2xx (null for
 * 204) and throws the server's error (`{ code, message }`) as a CaredeskError.
 */
export async function callServer(
  deps: ServerCallDeps,
  request: { path: string; method: string; body: unknown; timeoutMs: number },
  words: { signIn: string; offline: string; failed: string },
): Promise<unknown> {
  const token = await deps.token();
  if (token === null) throw new CaredeskError('unauthorized', words.signIn);
  let response: Response;
  try {
    response = await deps.fetch(new URL(request.path, deps.serverUrl), {
      method: request.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch {
    throw new CaredeskError('server_unreachable', words.offline);
  }
  if (response.status === 204) return null;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = ErrorBody.safeParse(body);
    if (error.success) throw new CaredeskError(error.data.code, error.data.message);
    throw new CaredeskError('internal', `${words.failed} (HTTP ${response.status}).`);
  }
  return body;
}
