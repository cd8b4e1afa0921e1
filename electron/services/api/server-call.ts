// A signed-in request to the server's HTTP API (what is not an action or a lookup: erasing a
// customer, a team's settings, the admin screen). Offline it fails with `server_unreachable` and
// the caller's words.
import type { z } from 'zod';
import { CaredeskError, ErrorBody } from '../../../shared/domain';
import type { FetchLike } from '../session/sign-in';

export interface ServerCallDeps {
  serverUrl: string;
  fetch: FetchLike;
  /** The session's token, or null when there is none to send. */
  token: () => Promise<string | null>;
}

export interface ServerRequest<T> {
  path: string;
  method: string;
  /** Sent as JSON; none for a read. */
  body?: unknown;
  /** Default 10 s. */
  timeoutMs?: number;
  /** What a 2xx answer must be. */
  answer?: z.ZodType<T>;
}

/** What the rep reads when there is no session, no server, or an answer without words. */
export interface ServerCallWords {
  signIn: string;
  offline: string;
  failed: string;
}

const UNREADABLE = 'The server answered in a way this version cannot read.';

/**
 * Sends the request with the session's token; answers the 2xx body parsed by `answer` (without
 * one: null, whatever came), and throws the server's error (`{ code, message }`) as a CaredeskError,
 * or `protocol_mismatch` for an answer this version cannot read.
 */
export async function callServer<T>(
  deps: ServerCallDeps,
  request: ServerRequest<T> & { answer: z.ZodType<T> },
  words: ServerCallWords,
): Promise<T>;
export async function callServer(
  deps: ServerCallDeps,
  request: ServerRequest<never>,
  words: ServerCallWords,
): Promise<null>;
export async function callServer<T>(
  deps: ServerCallDeps,
  request: ServerRequest<T>,
  words: ServerCallWords,
): Promise<T | null> {
  const token = await deps.token();
  if (token === null) throw new CaredeskError('unauthorized', words.signIn);
  let response: Response;
  try {
    response = await deps.fetch(new URL(request.path, deps.serverUrl), {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
    });
  } catch {
    throw new CaredeskError('server_unreachable', words.offline);
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = ErrorBody.safeParse(body);
    if (error.success) throw new CaredeskError(error.data.code, error.data.message);
    throw new CaredeskError('internal', `${words.failed} (HTTP ${response.status}).`);
  }
  if (!request.answer) return null;
  const parsed = request.answer.safeParse(body);
  if (!parsed.success) throw new CaredeskError('protocol_mismatch', UNREADABLE);
  return parsed.data;
}
