import type { IncomingMessage, ServerResponse } from 'node:http';
import { SHOPIFY_WEBHOOK_PATH, shopifyWebhook } from './shopify-webhook';
import { z } from 'zod';
import { CaredeskError } from '../../shared/domain/errors';
import { reachOf, teamsReached } from '../../shared/domain/permissions';
import {
  CUSTOMER_ERASURE_PATH,
  CustomerErasureRequest,
  HttpRoutes,
  TEAM_CSAT_PATH,
  TEAM_ROUTING_PATH,
  TeamCsatRequest,
  TEAM_SLA_PATH,
  TeamSlaRequest,
} from '../../shared/sync/http';
import type { HealthResponse, SignInResponse } from '../../shared/sync/http';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { storableText } from '../../shared/sync/text';
import type { SignInThrottle } from '../auth/throttle';
import { listTeams } from '../db/accounts';
import type { AppendedChanges } from '../db/changes';
import { storageAnswers } from '../db/health';
import { deleteSession } from '../db/sessions';
import type { Sql } from '../db/sql';
import { authenticate, signIn, StorableSignInRequest } from '../services/auth';
import { InboundRequest, receiveInbound } from '../services/inbound';
import { changeCsatQuestion } from '../services/csat';
import { changeTeamSla } from '../services/sla-settings';
import { eraseCustomer } from '../services/erasure';
import { changeMembership, MembershipRequest } from '../services/membership';
import { readRoutingSettings, writeRoutingSettings } from '../services/routing/settings';
import type { ChannelSecrets } from '../channels/provider';
import { handleWebhook, PROVIDERS } from '../channels/webhooks';
import { AdminRoutes } from '../../shared/sync/admin';
import { ADMIN_PATTERN_ROUTES, ADMIN_ROUTES } from './admin';
import { CHANNEL_ACCOUNT_PATTERN_ROUTES, CHANNEL_ACCOUNT_ROUTES } from './channel-accounts';
import type { OutboundConfig } from '../channels/outbound';
import { bearerToken, HttpError, readJson, sendError, sendJson } from './json';
import { WEBCHAT_PAGE_ROUTES } from '../webchat/pages';

const INBOUND_ROUTE = '/api/inbound';

export interface HttpContext {
  sql: Sql;
  version: string;
  clock: () => number;
  tokenTtlMs: number;
  /** Where national phone numbers are read (StartServerOptions.defaultRegion). */
  defaultRegion: string;
  /** A new sender is linked to the customer their first message names at or above this (StartServerOptions). */
  autoLinkConfidence: number;
  fanout: NonNullable<HealthResponse['fanout']>;
  /** Whether pokes currently reach every server process (Redis connected). */
  fanoutOk: () => boolean;
  /** /health answers `degraded` when storage has not answered within this. */
  healthTimeoutMs: number;
  throttle: SignInThrottle;
  /** Tells connected engines that changes exist. */
  poke: (changes: AppendedChanges) => void;
  /** Disconnects this process's sockets signed in with `token`. */
  disconnectSession: (token: string) => void;
  /** Puts every socket of the user (every process) in exactly the rooms of `teamIds` out of all teams. */
  moveUser: (userId: string, teamIds: readonly string[], allTeamIds: readonly string[]) => void;
  /** Disconnects every socket of the user (every process): they were deactivated. */
  disconnectUser: (userId: string) => void;
  log: (error: unknown) => void;
  /** The webhook providers' secrets and public URL (server/channels). */
  channelSecrets: ChannelSecrets;
  /** A routing pass over these teams soon (services/routing/). */
  routeTeams: (teamIds: readonly string[]) => void;
  /** The providers' API addresses and credentials: a channel account's test asks them. */
  outbound: OutboundConfig;
  /** How long a channel account's test waits for the provider. */
  channelTestTimeoutMs: number;
  /** Refreshes a customer's purchase history from connected records, when stale or `force`d (`server/crm/`). */
  crmTouch: (customerId: string, force?: boolean) => void;
  /** The client secret Shopify signs its webhooks with; unset, they are refused (`shopify-webhook.ts`). */
  shopifyWebhookSecret?: string;
}

export type Handler = (ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]) => Promise<void>;

/** Routes with an id in their path: the pattern, and its handlers by method (given the path's captures). */
const patternRoutes: [RegExp, Partial<Record<string, Handler>>][] = [
  [CUSTOMER_ERASURE_PATH, { POST: erasure }],
  [TEAM_CSAT_PATH, { PUT: teamCsat }],
  [TEAM_SLA_PATH, { PUT: teamSla }],
  [TEAM_ROUTING_PATH, { GET: getRouting, PUT: putRouting }],
  ...ADMIN_PATTERN_ROUTES,
  ...CHANNEL_ACCOUNT_PATTERN_ROUTES,
];

const routes: Record<string, Partial<Record<string, Handler>>> = {};
for (const [path, method, handler] of [
  [HttpRoutes.health, 'GET', health],
  [HttpRoutes.signIn, 'POST', session],
  [HttpRoutes.signOut, 'DELETE', signOut],
  [INBOUND_ROUTE, 'POST', inbound],
  [SHOPIFY_WEBHOOK_PATH, 'POST', shopifyWebhook],
  [AdminRoutes.teamMembers, 'POST', membership],
  ...ADMIN_ROUTES,
  ...CHANNEL_ACCOUNT_ROUTES,
  ...WEBCHAT_PAGE_ROUTES,
] as const) {
  routes[path] = { ...routes[path], [method]: handler };
}
for (const provider of PROVIDERS) {
  for (const route of provider.routes) {
    const handler: Handler = (ctx, req, res) => handleWebhook(ctx, provider, route, req, res);
    routes[route.path] = { ...routes[route.path], [route.method]: handler };
  }
}

export function createRequestHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    // A request listener must never throw (node:http would crash the process): dispatch is
    // async, so anything it throws becomes a rejection answered here.
    dispatch(ctx, req, res).catch((error: unknown) => {
      try {
        sendError(res, error, ctx.log);
      } catch (failure) {
        ctx.log(failure);
        res.destroy();
      }
    });
  };
}

async function dispatch(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req.url);
  if (path === null) throw new CaredeskError('invalid_input', 'The request target is not a valid URL.');
  const pattern = patternRoutes.find(([regex]) => regex.test(path));
  const params = pattern ? (pattern[0].exec(path)?.slice(1) ?? []).map(pathParam) : [];
  const route = routes[path] ?? pattern?.[1];
  const handler = route?.[req.method ?? 'GET'];
  if (!route) throw new CaredeskError('not_found', `No route ${path}.`);
  if (!handler) {
    // 405 with the code of a malformed request: no client means to send it, so no code of its own.
    const allow = Object.keys(route).join(', ');
    throw new HttpError(405, 'invalid_input', `${req.method ?? 'GET'} is not supported on ${path}; use ${allow}.`, {
      allow,
    });
  }
  await handler(ctx, req, res, params);
}

/** A path segment as text: malformed escapes, and text PostgreSQL cannot store, are `invalid_input`. */
function pathParam(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new CaredeskError('invalid_input', 'The request path is not valid.');
  }
  return PathId.parse(decoded);
}

const PathId = storableText(z.string().min(1).max(128));

/** The path of a request target (origin-form or absolute-form); null when it is not a valid URL. */
function pathOf(target: string | undefined): string | null {
  const raw = target ?? '/';
  return URL.canParse(raw, 'http://localhost') ? new URL(raw, 'http://localhost').pathname : null;
}

/** Never hangs on storage: an unreachable or stuck database answers `degraded` within `healthTimeoutMs`. */
async function health(ctx: HttpContext, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  let ok = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_resolve, reject) => {
      const ms = ctx.healthTimeoutMs;
      timer = setTimeout(() => reject(new Error(`storage health check timed out after ${ms} ms`)), ms);
    });
    ok = await Promise.race([storageAnswers(ctx.sql), timeout]);
  } catch (error) {
    ctx.log(error);
  } finally {
    clearTimeout(timer);
  }
  const body: HealthResponse = {
    status: ok ? 'ok' : 'degraded',
    version: ctx.version,
    storage: { kind: ctx.sql.kind, ok },
    protocol: SYNC_PROTOCOL_VERSION,
    fanout: ctx.fanout,
    fanoutOk: ctx.fanoutOk(),
  };
  sendJson(res, ok ? 200 : 503, body);
}

async function session(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request = StorableSignInRequest.parse(await readJson(req));
  // The peer's address: behind a load balancer that is the balancer's (forwarded headers are not trusted).
  const address = req.socket.remoteAddress;
  // Counted before the (slow) password check, so concurrent guesses all see each other.
  const attempt = ctx.throttle.reserve(request.email, address);
  let response: SignInResponse;
  try {
    response = await signIn(ctx.sql, request, ctx.clock(), ctx.tokenTtlMs);
  } catch (error) {
    if (error instanceof CaredeskError && error.code === 'bad_credentials') attempt.failed();
    else attempt.abandoned();
    throw error;
  }
  attempt.succeeded();
  sendJson(res, 200, response);
}

/** Sign-out: ends the session of the bearer token (if any) and disconnects its sockets; always 204. */
async function signOut(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = bearerToken(req);
  if (token) {
    await deleteSession(ctx.sql, token);
    ctx.disconnectSession(token);
  }
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

async function inbound(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  const { user } = await authenticate(ctx.sql, token, ctx.clock());
  if (reachOf(user.role, 'postInbound') === 'none') {
    throw new CaredeskError('forbidden', 'Only leads and admins may post inbound messages.');
  }
  // Leads post into their own teams only; admins into any team.
  const teamIds = teamsReached(user, 'postInbound');
  if (teamIds?.length === 0) throw new CaredeskError('forbidden', 'You are not in any team to receive messages.');
  const request = InboundRequest.parse(await readJson(req));
  const result = await receiveInbound(ctx.sql, request, ctx.clock(), undefined, teamIds, {
    region: ctx.defaultRegion,
    autoLinkConfidence: ctx.autoLinkConfidence,
  });
  ctx.poke(result.changes);
  ctx.crmTouch(result.customerId);
  // A redelivered provider message is answered with the stored one: nothing was created.
  sendJson(res, result.repeated ? 200 : 201, { message: result.message, conversationId: result.conversationId });
}

/** Adds a user to a team or takes them out (leads: their own teams; admins: any). Answers the user. */
async function membership(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  const { user: actor } = await authenticate(ctx.sql, token, ctx.clock());
  const request = MembershipRequest.parse(await readJson(req));
  const { user, changes } = await changeMembership(ctx.sql, actor, request, ctx.clock());
  ctx.moveUser(
    user.id,
    user.teamIds,
    (await listTeams(ctx.sql)).map((team) => team.id),
  );
  ctx.poke(changes);
  sendJson(res, 200, { user });
}

/** An admin erases a customer (`HttpRoutes.customerErasure`); answers what was removed. */
async function erasure(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  const { user } = await authenticate(ctx.sql, token, ctx.clock());
  if (reachOf(user.role, 'eraseCustomer') === 'none') {
    throw new CaredeskError('forbidden', 'Only admins may erase a customer.');
  }
  const request = CustomerErasureRequest.parse(await readJson(req));
  const { response, changes } = await eraseCustomer(ctx.sql, user, params?.[0] ?? '', request, ctx.clock(), ctx.log);
  ctx.poke(changes);
  sendJson(res, 200, response);
}

/** A lead or admin sets the survey question a team sends on resolving (`HttpRoutes.teamCsat`). */
async function teamCsat(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  const { user } = await authenticate(ctx.sql, token, ctx.clock());
  const { question } = TeamCsatRequest.parse(await readJson(req));
  await changeCsatQuestion(ctx.sql, user, params?.[0] ?? '', question, ctx.clock());
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

/** A lead or admin sets a team's service levels (`HttpRoutes.teamSla`). */
async function teamSla(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  const { user } = await authenticate(ctx.sql, token, ctx.clock());
  const { sla } = TeamSlaRequest.parse(await readJson(req));
  const { changes } = await changeTeamSla(ctx.sql, user, params?.[0] ?? '', sla, ctx.clock());
  ctx.poke(changes);
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

/** A team's routing settings, for its leads and admins (`HttpRoutes.teamRouting`). */
async function getRouting(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  params?: string[],
): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  const { user } = await authenticate(ctx.sql, token, ctx.clock());
  sendJson(res, 200, await readRoutingSettings(ctx.sql, user, params?.[0] ?? ''));
}

/** Replaces a team's routing settings; routing runs for the team at once (`HttpRoutes.teamRouting`). */
async function putRouting(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  params?: string[],
): Promise<void> {
  const token = bearerToken(req);
  if (!token) throw new CaredeskError('unauthorized', 'Send Authorization: Bearer <token>.');
  const { user } = await authenticate(ctx.sql, token, ctx.clock());
  const teamId = params?.[0] ?? '';
  const settings = await writeRoutingSettings(ctx.sql, user, teamId, await readJson(req), ctx.clock());
  ctx.routeTeams([teamId]);
  sendJson(res, 200, settings);
}
