import { createHash, randomBytes } from 'node:crypto';
import type { Namespace, Server, Socket } from 'socket.io';
import { CaredeskError } from '../../shared/domain/errors';
import type { ErrorBody } from '../../shared/domain/errors';
import type { AppendedChanges } from '../db/changes';
import { findChannelAccount } from '../db/channel-accounts';
import type { Sql } from '../db/sql';
import { visitorThread } from '../db/webchat';
import type { VisitorLine } from '../db/webchat';
import { clientErrorBody } from '../errors';
import { applyDeliveryStatus } from '../services/delivery-status';
import { receiveInbound } from '../services/inbound';
import {
  RATE_LIMIT,
  RATE_WINDOW_MS,
  SeenReplies,
  VisitorMessage,
  WEBCHAT_NAMESPACE,
  WebchatEvents,
  WebchatHello,
} from './protocol';

export interface WebchatContext {
  sql: Sql;
  clock: () => number;
  log: (error: unknown) => void;
  /** Tells reps' engines that changes exist (and routes a new conversation's team). */
  poke: (changes: AppendedChanges) => void;
  defaultRegion: string;
  autoLinkConfidence: number;
  /** Refreshes the visitor's purchase history from connected records, when stale. */
  crmTouch?: (customerId: string) => void;
}

interface VisitorData {
  widget: string;
  visitorId: string;
  brand: string;
  /** Set only for a session made by this connection: the window keeps it. */
  newToken: string | null;
  sentAt: number[];
  /** `seen` reports are handled one after another; beyond a few waiting, more are dropped. */
  seenQueue: Promise<void>;
  seenWaiting: number;
}

export type SendAck = { ok: true; line: VisitorLine } | { ok: false; error: ErrorBody };

export const visitorRoom = (visitorId: string): string => `visitor:${visitorId}`;

const VISITOR_PREFIX = 'visitor-';

/** "visitor 1b041d46": the first eight characters of the visitor's id. */
export const visitorHandle = (visitorId: string): string =>
  `visitor ${visitorId.startsWith(VISITOR_PREFIX) ? visitorId.slice(VISITOR_PREFIX.length, VISITOR_PREFIX.length + 8) : visitorId}`;

/**
 * The `/webchat` namespace: a shop's chat window connects with its widget id (a web-chat channel
 * account) and, after the first visit, the session token it kept; each message goes through the
 * same inbound path as a webhook (`receiveInbound`), so it joins the visitor's customer and lands
 * in the widget's team. Replies come back through `webchatSender` to the visitor's room.
 */
export function installWebchat(io: Server, ctx: WebchatContext): Namespace {
  const namespace = io.of(WEBCHAT_NAMESPACE);
  namespace.use((socket, next) => {
    admit(ctx, socket).then(
      () => next(),
      (error: unknown) => {
        const body = clientErrorBody(error, ctx.log);
        next(Object.assign(new Error(body.message), { data: body }));
      },
    );
  });
  namespace.on('connection', (socket) => {
    const data = socket.data as VisitorData;
    void socket.join(visitorRoom(data.visitorId));
    visitorThread(ctx.sql, data.visitorId, data.widget).then(
      (messages) =>
        socket.emit(WebchatEvents.ready, {
          ...(data.newToken ? { token: data.newToken } : {}),
          brand: data.brand,
          messages,
        }),
      (error: unknown) => {
        ctx.log(error);
        socket.emit(WebchatEvents.ready, {
          brand: data.brand,
          messages: [],
          error: 'Earlier messages could not be loaded.',
        });
      },
    );
    socket.on(WebchatEvents.send, (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const answer = ack as (response: SendAck) => void;
      receive(ctx, socket, payload).then(
        (line) => {
          answer({ ok: true, line });
          socket.to(visitorRoom(data.visitorId)).emit(WebchatEvents.line, line);
        },
        (error: unknown) => answer({ ok: false, error: clientErrorBody(error, ctx.log) }),
      );
    });
    socket.on(WebchatEvents.seen, (payload: unknown) => {
      if (data.seenWaiting >= SEEN_QUEUE_LIMIT) return;
      data.seenWaiting++;
      data.seenQueue = data.seenQueue
        .then(() => seen(ctx, payload))
        .catch((error: unknown) => ctx.log(error))
        .finally(() => {
          data.seenWaiting--;
        });
    });
  });
  return namespace;
}

/**
 * A visitor is their session token: the window keeps it (the shop's page stores it), and the
 * visitor id is derived from it and the widget, so every window holding it is the same visitor and
 * nothing is stored for a page view. Only the token's holder can be that visitor (the id does not
 * give the token back); a token the window makes up is just a new visitor.
 */
export function visitorOf(widget: string, token: string): string {
  const hex = createHash('sha256').update(`caredesk-webchat\n${widget}\n${token}`).digest('hex');
  return `${VISITOR_PREFIX}${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

async function admit(ctx: WebchatContext, socket: Socket): Promise<void> {
  const hello = WebchatHello.safeParse(socket.handshake.auth);
  if (!hello.success)
    throw new CaredeskError('invalid_input', 'This chat window did not say which chat it belongs to.');
  const { widget, token } = hello.data;
  const account = await findChannelAccount(ctx.sql, 'webchat', widget);
  if (!account)
    throw new CaredeskError('not_found', `This chat is not set up: Caredesk has no web-chat widget "${widget}".`);
  const newToken = token ? null : randomBytes(24).toString('base64url');
  const data: VisitorData = {
    widget: account.account,
    visitorId: visitorOf(account.account, token ?? newToken ?? ''),
    brand: account.displayName,
    newToken,
    sentAt: [],
    seenQueue: Promise.resolve(),
    seenWaiting: 0,
  };
  socket.data = data;
}

async function receive(ctx: WebchatContext, socket: Socket, payload: unknown): Promise<VisitorLine> {
  const data = socket.data as VisitorData;
  const now = ctx.clock();
  data.sentAt = data.sentAt.filter((at) => now - at < RATE_WINDOW_MS);
  if (data.sentAt.length >= RATE_LIMIT)
    throw new CaredeskError('rate_limited', 'You are sending messages very fast. Wait a few seconds and send again.');
  data.sentAt.push(now);
  const message = VisitorMessage.parse(payload);
  const result = await receiveInbound(
    ctx.sql,
    {
      channel: 'webchat',
      from: data.visitorId,
      // Shown for the visitor where a handle would be (their id stays the key): short and calm.
      handle: visitorHandle(data.visitorId),
      body: message.body,
      ...(message.name ? { name: message.name } : {}),
      ...(message.email ? { evidence: message.email } : {}),
      providerMessageId: `${data.visitorId}:${message.clientId}`,
      account: data.widget,
      kind: 'direct',
      sentAt: now,
    },
    now,
    undefined,
    undefined,
    { region: ctx.defaultRegion, autoLinkConfidence: ctx.autoLinkConfidence },
  );
  ctx.poke(result.changes);
  ctx.crmTouch?.(result.customerId);
  const { id, body, createdAt } = result.message;
  return { id, from: 'visitor', body, at: createdAt, status: 'received' };
}

/** The window showed these replies: their status moves on (never back: `applyDeliveryStatus`). */
async function seen(ctx: WebchatContext, payload: unknown): Promise<void> {
  const parsed = SeenReplies.safeParse(payload);
  if (!parsed.success) return;
  for (const id of parsed.data.ids) {
    // One reported before the send queue recorded the reply is held and applied then (`applyDeliveryStatus`).
    const now = ctx.clock();
    const result = await applyDeliveryStatus(
      ctx.sql,
      { channel: 'webchat', providerMessageId: id, status: parsed.data.status, at: now, error: null },
      now,
    );
    ctx.poke(result.changes);
  }
}

const SEEN_QUEUE_LIMIT = 4;
