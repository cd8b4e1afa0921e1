import type { IncomingMessage, ServerResponse } from 'node:http';
import { CaredeskError } from '../../shared/domain/errors';
import { HttpRoutes, SignInRequest } from '../../shared/sync/http';
import type { HealthResponse } from '../../shared/sync/http';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { AppendedChanges } from '../db/changes';
import type { Sql } from '../db/sql';
import { authenticate, signIn } from '../services/auth';
import { InboundRequest, receiveInbound } from '../services/inbound';
import { bearerToken, readJson, sendError, sendJson } from './json';

const INBOUND_ROUTE = '/api/inbound';

interface HttpContext {
  sql: Sql;
  version: string;
  clock: () => number;
  tokenTtlMs: number;
  fanout: NonNullable<HealthResponse['fanout']>;
  /** Tells connected engines that changes exist. */
  poke: (changes: AppendedChanges) => void;
  log: (error: unknown) => void;
}

type Handler = (ctx: HttpContext, req: IncomingMessage, res: ServerResponse) => Promise<void>;

const routes: Record<string, Partial<Record<string, Handler>>> = {
  [HttpRoutes.health]: { GET: health },
  [HttpRoutes.signIn]: { POST: session },
  [INBOUND_ROUTE]: { POST: inbound },
};

export function createRequestHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes[path];
    const handler = route?.[req.method ?? 'GET'];
    const run = handler
      ? handler(ctx, req, res)
      : Promise.reject(
          route
            ? new CaredeskError('not_found', `${req.method ?? 'GET'} is not supported on ${path}.`)
            : new CaredeskError('not_found', `No route ${path}.`),
        );
    run.catch((error: unknown) => sendError(res, error, ctx.log));
  };
}

async function health(ctx: HttpContext, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  let ok = false;
  try {
    const rows = await ctx.sql.query<{ one: number }>('select 1 as one');
    ok = rows[0]?.one === 1;
  } catch (error) {
    ctx.log(error);
  }
  const body: HealthResponse = {
    status: ok ? 'ok' : 'degraded',
    version: ctx.version,
    storage: { kind: ctx.sql.kind, ok },
    protocol: SYNC_PROTOCOL_VERSION,
    fanout: ctx.fanout,
  };
  sendJson(res, ok ? 200 : 503, body);
}

async function session(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = SignInRequest.parse(await readJson(req));
  sendJson(res, 200, await signIn(ctx.sql, request, ctx.clock(), ctx.tokenTtlMs));
}

async function inbound(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  const { user } = await authenticate(ctx.sql, token, ctx.clock());
  if (user.role === 'rep') throw new CaredeskError('forbidden', 'Only leads and admins may post inbound messages.');
  const request = InboundRequest.parse(await readJson(req));
  const result = await receiveInbound(ctx.sql, request, ctx.clock());
  ctx.poke(result.changes);
  sendJson(res, 201, { message: result.message, conversationId: result.conversationId });
}
