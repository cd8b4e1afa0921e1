import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHANNEL_LABELS } from '../../shared/domain/channels';
import { CaredeskError, toErrorBody } from '../../shared/domain/errors';
import { senderIdentity } from '../../shared/domain/identity';
import type { AppendedChanges } from '../db/changes';
import type { Sql } from '../db/sql';
import { parseBody } from '../http/body';
import { readRawBody } from '../http/json';
import { applyDeliveryStatus } from '../services/delivery-status';
import { InboundRequest, receiveInbound } from '../services/inbound';
import type { InboundEvent, WebhookOutcome } from './event';
import { meta } from './meta';
import { postmark } from './postmark';
import type {
  ChannelProvider,
  ChannelSecrets,
  DeliveryRoute,
  WebhookReply,
  WebhookRequest,
  WebhookRoute,
} from './provider';
import { MalformedPayload } from './provider';
import { sendgrid } from './sendgrid';
import { twilio } from './twilio';
import { x } from './x';

/** Every provider Caredesk takes webhooks from. A new one is added here (server/channels/README.md). */
export const PROVIDERS: readonly ChannelProvider[] = [twilio, meta, x, postmark, sendgrid];

export interface WebhookContext {
  sql: Sql;
  clock: () => number;
  defaultRegion: string;
  autoLinkConfidence: number;
  channelSecrets: ChannelSecrets;
  poke: (changes: AppendedChanges) => void;
  log: (error: unknown) => void;
  /** Refreshes a sender's purchase history from connected records, when stale (`server/crm/`); optional in tests. */
  crmTouch?: (customerId: string) => void;
}

/** Handles one request on one provider's route: answers it, or throws an error to be answered. */
export async function handleWebhook(
  ctx: WebhookContext,
  provider: ChannelProvider,
  route: WebhookRoute,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const where = `${route.method} ${route.path}`;
  const refuse = (error: CaredeskError, reason: string): never => {
    ctx.log(`Webhook ${where} refused: ${reason}`);
    throw error;
  };
  // Never accept unsigned: without its secret a provider's deliveries cannot be checked.
  const unconfigured = provider.unconfigured(ctx.channelSecrets);
  if (unconfigured)
    refuse(
      new CaredeskError('not_found', `${provider.name} webhooks are not configured on this server.`),
      `${provider.name} is not configured (${unconfigured})`,
    );
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const search = queryAt >= 0 ? target.slice(queryAt) : '';
  const request: WebhookRequest = {
    path: route.path,
    search,
    query: new URLSearchParams(search),
    headers: req.headers,
    raw: Buffer.alloc(0),
  };
  if (route.method === 'GET') {
    reply(res, route.answer(request, ctx.channelSecrets));
    return;
  }
  request.raw = await readRawBody(req, route.bodyLimit);
  const verdict = route.verify(request, ctx.channelSecrets);
  if (!verdict.ok)
    refuse(
      verdict.missing
        ? new CaredeskError('unauthorized', `The ${provider.name} signature is missing.`)
        : new CaredeskError('forbidden', `The ${provider.name} signature does not match.`),
      verdict.reason,
    );
  await deliver(ctx, route, request, req.headers['content-type']);
  reply(res, route.ack);
}

/** Reads a signed delivery and stores what it carries; nothing is stored when any part of it is unreadable. */
async function deliver(
  ctx: WebhookContext,
  route: DeliveryRoute,
  request: WebhookRequest,
  contentType: string | undefined,
): Promise<void> {
  const where = `${route.method} ${route.path}`;
  let requests: InboundRequest[];
  let outcome: WebhookOutcome;
  try {
    outcome = route.parse(await parseBody(request.raw, contentType), request);
    requests = outcome.messages.map((event) => InboundRequest.parse(inboundRequest(event)));
    // Every sender is checked before any message is stored, so a batch is stored whole or not at all.
    for (const inbound of requests) {
      const sender = senderIdentity(inbound.channel, inbound.from, ctx.defaultRegion);
      // The sender's address stays out of the message: it is logged, and logs keep ids only.
      if ('problem' in sender)
        throw new MalformedPayload(
          `Message ${inbound.providerMessageId} has no sender Caredesk can key on ${CHANNEL_LABELS[inbound.channel]}.`,
        );
    }
  } catch (error) {
    ctx.log(`Webhook ${where} refused: ${toErrorBody(error).message}`);
    throw error;
  }
  for (const inbound of requests) {
    const result = await receiveInbound(ctx.sql, inbound, ctx.clock(), undefined, undefined, {
      region: ctx.defaultRegion,
      autoLinkConfidence: ctx.autoLinkConfidence,
    });
    ctx.poke(result.changes);
    ctx.crmTouch?.(result.customerId);
    if (result.repeated) ctx.log(`Webhook ${where}: ${inbound.channel} message ${inbound.providerMessageId} repeated`);
  }
  for (const status of outcome.statuses) {
    const result = await applyDeliveryStatus(ctx.sql, status, ctx.clock());
    ctx.poke(result.changes);
    if (result.skipped)
      ctx.log(
        `Webhook ${where}: ${status.status} of ${status.channel} message ${status.providerMessageId} not applied: ${result.skipped}`,
      );
  }
  for (const ignored of outcome.ignored) ctx.log(`Webhook ${where}: acknowledged and ignored ${ignored}`);
}

/** The request `receiveInbound` stores for one event. */
function inboundRequest(event: InboundEvent): unknown {
  return {
    channel: event.channel,
    from: event.sender.id,
    handle: event.sender.handle ?? undefined,
    name: event.sender.name ?? undefined,
    body: event.body,
    providerMessageId: event.providerMessageId,
    account: event.account,
    kind: event.kind,
    sentAt: event.sentAt ?? undefined,
    subject: event.subject ?? undefined,
    thread: event.thread,
    media: event.media,
  };
}

function reply(res: ServerResponse, answer: WebhookReply): void {
  const body = answer.body ?? '';
  const headers: Record<string, string | number> = { 'cache-control': 'no-store' };
  if (answer.status !== 204) {
    headers['content-length'] = Buffer.byteLength(body);
    if (answer.contentType) headers['content-type'] = answer.contentType;
  }
  res.writeHead(answer.status, headers);
  res.end(answer.status === 204 ? undefined : body);
}
