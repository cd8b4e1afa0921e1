import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody, ErrorCode } from '../../shared/domain/errors';
import { CaredeskError } from '../../shared/domain/errors';
import { clientErrorBody } from '../errors';

const BODY_LIMIT_BYTES = 64 * 1024;

/** An error that carries its own HTTP status (e.g. 413) and headers, beyond what the code implies. */
export class HttpError extends CaredeskError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message);
  }
}

const STATUS: Record<ErrorCode, number> = {
  conflict: 409,
  stale_view: 409,
  invalid_input: 400,
  bad_credentials: 401,
  unauthorized: 401,
  session_expired: 401,
  forbidden: 403,
  not_found: 404,
  server_unreachable: 502,
  protocol_mismatch: 400,
  storage_full: 507,
  unsent_replies: 409,
  rate_limited: 429,
  internal: 500,
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown, log: (error: unknown) => void): void {
  const body: ErrorBody = clientErrorBody(error, log);
  const status = error instanceof HttpError ? error.status : STATUS[body.code];
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, body, error instanceof HttpError ? error.headers : {});
}

/** Reads and parses a JSON body of at most `limit` bytes. */
export async function readJson(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<unknown> {
  return parseJson(await readRawBody(req, limit));
}

/**
 * Reads the whole body as bytes, refusing more than `limit` (413) before reading it when the
 * declared length says so, else as soon as the bytes pass it. Webhook signatures are checked over these bytes.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new CaredeskError('invalid_input', 'The request body is not valid JSON.');
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'invalid_input', `The request body is larger than ${limit} bytes.`);
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
