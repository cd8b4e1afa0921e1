// The admin screen's channel accounts (shared/sync/channel-accounts.ts), admins only: each answers
// the account as it now is; a refusal (403), a bad body or unknown team (400), an unknown id (404),
// an account already listed or one conversations still talk to (409) changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CHANNEL_ACCOUNT_PATH,
  CHANNEL_ACCOUNT_TEST_PATH,
  ChannelAccountRoutes,
  CreateChannelAccountRequest,
  UpdateChannelAccountRequest,
} from '../../shared/sync/channel-accounts';
import type {
  ChannelAccountResponse,
  ChannelAccountsResponse,
  ChannelAccountTestResult,
} from '../../shared/sync/channel-accounts';
import { probeAccount } from '../channels/probe';
import { requireAdmin } from '../services/admin';
import {
  channelAccountById,
  createChannelAccount,
  listChannelAccounts,
  removeChannelAccount,
  updateChannelAccountOf,
} from '../services/channel-accounts';
import { actorOf } from './admin';
import { readJson, sendJson } from './json';
import type { Handler, HttpContext } from './routes';

async function list(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(ctx, req);
  const body: ChannelAccountsResponse = { accounts: await listChannelAccounts(ctx.sql, actor) };
  sendJson(res, 200, body);
}

async function create(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const actor = await actorOf(ctx, req);
  // Refused before the body is read: a rep's request is answered 403 whatever it holds.
  requireAdmin(actor, 'manageChannels');
  const request = CreateChannelAccountRequest.parse(await readJson(req));
  const body: ChannelAccountResponse = { account: await createChannelAccount(ctx.sql, actor, request, ctx.clock()) };
  sendJson(res, 201, body);
}

async function update(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]) {
  const actor = await actorOf(ctx, req);
  requireAdmin(actor, 'manageChannels');
  const request = UpdateChannelAccountRequest.parse(await readJson(req));
  const account = await updateChannelAccountOf(ctx.sql, actor, params?.[0] ?? '', request, ctx.clock());
  const body: ChannelAccountResponse = { account };
  sendJson(res, 200, body);
}

async function remove(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]) {
  const actor = await actorOf(ctx, req);
  await removeChannelAccount(ctx.sql, actor, params?.[0] ?? '', ctx.clock());
  res.writeHead(204).end();
}

/** Asks the provider, with the server's credentials; its answer (or silence) is the result, never an error. */
async function test(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, params?: string[]) {
  const actor = await actorOf(ctx, req);
  const account = await channelAccountById(ctx.sql, actor, params?.[0] ?? '');
  const body: ChannelAccountTestResult = await probeAccount(
    ctx.outbound,
    account.channel,
    account.account,
    ctx.channelTestTimeoutMs,
  );
  sendJson(res, 200, body);
}

export const CHANNEL_ACCOUNT_ROUTES = [
  [ChannelAccountRoutes.list, 'GET', list],
  [ChannelAccountRoutes.list, 'POST', create],
] as const satisfies readonly (readonly [string, string, Handler])[];

export const CHANNEL_ACCOUNT_PATTERN_ROUTES: [RegExp, Partial<Record<string, Handler>>][] = [
  [CHANNEL_ACCOUNT_PATH, { PATCH: update, DELETE: remove }],
  [CHANNEL_ACCOUNT_TEST_PATH, { POST: test }],
];
