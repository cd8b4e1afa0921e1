import { DEFAULT_REGION, phoneRegion } from '../shared/domain/identity';
import { DEFAULT_AUTO_LINK_CONFIDENCE } from '../shared/domain/link-suggestions';
import { unknownRegion } from './region';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { SignInThrottle } from './auth/throttle';
import type { ChannelSecrets } from './channels/provider';
import type { Sql } from './db/sql';
import { createRequestHandler } from './http/routes';
import type { ServerFaults } from './socket/faults';
import type { SyncLimits } from './socket/limits';
import type { ProtocolRange } from '../shared/sync/protocol';
import { connectRedisFanout, localFanout, REDIS_NEEDS_POSTGRES } from './socket/fanout';
import type { Fanout } from './socket/fanout';
import { sendSurveys } from './services/csat';
import { wakeSnoozed } from './services/snooze';
import { DEFAULT_OUTBOUND } from './channels/outbound';
import { PROBE_TIMEOUT_MS } from './channels/probe';
import { SENDERS, sendsOn } from './channels/senders';
import { installWebchat, visitorRoom } from './webchat/namespace';
import { WEBCHAT_NAMESPACE, WebchatEvents } from './webchat/protocol';
import { webchatSender } from './webchat/send';
import { startOutboundQueue } from './services/outbound';
import { dropEarlyStatuses } from './db/early-statuses';
import { EARLY_STATUS_TTL_MS } from './services/delivery-status';
import type { CrmConfig } from './crm/config';
import { shopifyConnector } from './crm/shopify/client';
import { startCrmSync } from './crm/sync';
import type { CrmSync } from './crm/sync';
import { startStoreWrites } from './crm/writes';
import type { StoreWrites } from './crm/writes';
import type { OutboundOptions } from './services/outbound';
import { disconnectSession, disconnectUser, installSync, moveUser, pokeFor } from './socket/sync';
import { teamPresence } from './socket/presence';
import { startRouting } from './services/routing/runner';
import type { Router, RoutingOptions } from './services/routing/runner';

export interface StartServerOptions {
  sql: Sql;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  clock?: () => number;
  tokenTtlMs?: number;
  version: string;
  log?: (error: unknown) => void;
  /** Test-only fault injection (see socket/faults.ts); never set outside tests. */
  faults?: ServerFaults;
  /**
   * Redis 7+ to fan socket.io events out to the other server processes sharing this PostgreSQL
   * (socket/fanout.ts). Needs `sql` on PostgreSQL; unset, pokes reach this process's sockets only.
   */
  redisUrl?: string;
  /** Pub/sub channel prefix, shared by all processes of one deployment; tests make it unique. */
  redisChannelPrefix?: string;
  /** /health answers `degraded` when storage has not answered within this; default 3 s. */
  healthTimeoutMs?: number;
  /** How often snoozed conversations whose time has come are reopened, and surveys sent; default 30 s. */
  snoozeSweepMs?: number;
  /** How long a resolution stays resolved before its survey goes out (services/csat.ts); default 1 min. */
  csatGraceMs?: number;
  /** In-flight work per socket, user and process (socket/limits.ts); tests lower them. */
  syncLimits?: Partial<SyncLimits>;
  /** Test-only: the engine versions this server serves, instead of today's (shared/sync/protocol.ts). */
  syncProtocol?: ProtocolRange;
  /**
   * The region (ISO 3166 code, e.g. "GB") phone numbers written without their country code are
   * read in: `CAREDESK_DEFAULT_REGION`, default "US".
   */
  defaultRegion?: string;
  /**
   * A sender seen for the first time is linked to the customer their message names (an order and an
   * email, say) when the evidence reaches this confidence; above 1, never: `CAREDESK_AUTO_LINK_CONFIDENCE`,
   * default 0.9 (`shared/domain/link-suggestions.ts`). Weaker evidence is suggested to the rep.
   */
  autoLinkConfidence?: number;
  /** The webhook providers' secrets and public URL (`channelSecretsFromEnv`); a provider without its secret refuses deliveries. */
  channelSecrets?: ChannelSecrets;
  /**
   * The providers' send APIs (`outboundConfigFromEnv`) and the send queue's retry policy. A channel
   * with no provider configured keeps its replies as stored, marked sent.
   */
  outbound?: OutboundOptions & { intervalMs?: number };
  /** Automatic routing's pass interval (services/routing/); tests may inject presence. */
  routing?: RoutingOptions;
  /** How long the admin screen's test of a channel account waits for the provider; default 5 s. */
  channelTestTimeoutMs?: number;
  /** Connected customer records (Shopify) and how fresh their purchase history is kept (`crmConfigFromEnv`). */
  crm?: CrmConfig;
}

export interface RunningServer {
  url: string;
  port: number;
  /** This process's routing (a pass now: `sweep()`). */
  routing: Router;
  /** This process's purchase-history fetches (`idle()` resolves when they are done). */
  crm: CrmSync;
  /** This process's queue of order actions waiting for a connected store (`pass()`: one pass now). */
  storeWrites: StoreWrites;
  close(): Promise<void>;
}

const DEFAULT_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** One node:http server carrying the HTTP routes and socket.io on the same port. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((error: unknown) => console.error(error));
  if (options.redisUrl && options.sql.kind !== 'postgres') throw new Error(REDIS_NEEDS_POSTGRES);
  const defaultRegion = phoneRegion(options.defaultRegion ?? DEFAULT_REGION);
  if (defaultRegion === null) throw new Error(unknownRegion(options.defaultRegion ?? ''));
  const fanout: Fanout = options.redisUrl
    ? await connectRedisFanout({ url: options.redisUrl, channelPrefix: options.redisChannelPrefix ?? 'caredesk', log })
    : localFanout;
  let io: Server | null = null;
  const given = options.outbound ?? { config: DEFAULT_OUTBOUND };
  // Web chat needs no provider: replies go to the visitor's chat windows through this server.
  const pushToVisitor = webchatSender((visitorId, line) => {
    io?.of(WEBCHAT_NAMESPACE).to(visitorRoom(visitorId)).emit(WebchatEvents.line, line);
  }, clock);
  const outboundOptions = { ...given, senders: [...(given.senders ?? SENDERS), pushToVisitor] };
  const outbound = startOutboundQueue(
    options.sql,
    outboundOptions,
    clock,
    (changes) => {
      if (io) pokeFor(io, changes);
    },
    log,
  );

  const connectors = options.crm?.shopify ? [shopifyConnector(options.crm.shopify, defaultRegion, clock)] : [];
  const crm = startCrmSync({
    sql: options.sql,
    clock,
    connectors,
    refreshMs: options.crm?.refreshMs,
    poke: (changes) => {
      if (io) pokeFor(io, changes);
    },
    log,
  });

  const storeWrites = startStoreWrites({
    sql: options.sql,
    clock,
    connectors,
    crm,
    poke: (changes) => {
      if (io) pokeFor(io, changes);
    },
    log,
  });

  const routing = startRouting({
    sql: options.sql,
    clock,
    presence:
      options.routing?.presence ??
      ((teamId) => {
        // Without Redis the other processes' sockets are unseen: their reps would look offline.
        if (!fanout.ok())
          return Promise.reject(new Error('Routing waits: presence is incomplete while Redis is lost.'));
        return io ? teamPresence(io, teamId) : Promise.resolve(new Map());
      }),
    poke: (changes) => {
      if (io) pokeFor(io, changes);
    },
    log,
    intervalMs: options.routing?.intervalMs ?? 15_000,
  });

  const http = createServer(
    createRequestHandler({
      sql: options.sql,
      version: options.version,
      clock,
      tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
      defaultRegion,
      autoLinkConfidence: options.autoLinkConfidence ?? DEFAULT_AUTO_LINK_CONFIDENCE,
      fanout: fanout.kind,
      fanoutOk: () => fanout.ok(),
      healthTimeoutMs: options.healthTimeoutMs ?? 3_000,
      throttle: new SignInThrottle({ clock }),
      poke: (changes) => {
        if (io) pokeFor(io, changes);
        // A message may have opened a conversation or brought one back: route its team now.
        if (changes.teamIds.length > 0) routing.wake(changes.teamIds);
      },
      disconnectSession: (token) => {
        if (io) disconnectSession(io, token);
      },
      moveUser: (userId, teamIds, allTeamIds) => {
        if (io) moveUser(io, userId, teamIds, allTeamIds);
      },
      disconnectUser: (userId) => {
        if (io) disconnectUser(io, userId);
      },
      log,
      channelSecrets: options.channelSecrets ?? {},
      routeTeams: (teamIds) => routing.wake(teamIds),
      outbound: outboundOptions.config,
      channelTestTimeoutMs: options.channelTestTimeoutMs ?? PROBE_TIMEOUT_MS,
      crmTouch: (customerId, force) => crm.touch(customerId, force),
      shopifyWebhookSecret: options.crm?.shopifyWebhookSecret,
    }),
  );
  // Catch-up is the change log's job (sync:pull), never socket.io's connectionStateRecovery
  // (which the Redis adapter does not support anyway).
  // The client script is served for the web-chat window (`/socket.io/socket.io.min.js`).
  io = new Server(http, { serveClient: true, maxHttpBufferSize: 1e6, adapter: fanout.adapter });
  installWebchat(io, {
    sql: options.sql,
    clock,
    log,
    defaultRegion,
    autoLinkConfidence: options.autoLinkConfidence ?? DEFAULT_AUTO_LINK_CONFIDENCE,
    poke: (changes) => {
      if (io) pokeFor(io, changes);
      if (changes.teamIds.length > 0) routing.wake(changes.teamIds);
    },
    crmTouch: (customerId) => crm.touch(customerId),
  });
  installSync(io, {
    sql: options.sql,
    clock,
    log,
    faults: options.faults,
    subscribed: () => fanout.subscribed(),
    limits: options.syncLimits,
    protocol: options.syncProtocol,
    outbound: {
      sendsOn: (channel) => sendsOn(outboundOptions.config, channel, outboundOptions.senders),
      wake: () => outbound.wake(),
    },
    routeTeams: (teamIds) => routing.wake(teamIds),
    crmTouch: (customerId) => crm.touch(customerId),
    storeWake: () => storeWrites.wake(),
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await storeWrites.stop();
    await crm.stop();
    await routing.stop();
    await outbound.stop();
    await io.close();
    await fanout.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  const server = io;
  let closing = false;
  // A sweep still running when the server closes fails on the closed storage: not worth a log line.
  const sweep = () =>
    wakeSnoozed(options.sql, clock())
      .then((changes) => pokeFor(server, changes))
      .then(() =>
        sendSurveys(options.sql, clock(), {
          sendsOn: (channel) => sendsOn(outboundOptions.config, channel, outboundOptions.senders),
          graceMs: options.csatGraceMs,
        }),
      )
      .then(({ changes, queued }) => {
        pokeFor(server, changes);
        if (queued) outbound.wake();
      })
      // Reports held for a reply that never got their provider id (`services/delivery-status.ts`).
      .then(() => dropEarlyStatuses(options.sql, clock() - EARLY_STATUS_TTL_MS))
      .catch((error: unknown) => {
        if (!closing) log(error);
      });
  void sweep();
  const sweeper = setInterval(() => void sweep(), options.snoozeSweepMs ?? 30_000);
  sweeper.unref();
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    routing,
    crm,
    storeWrites,
    close: async () => {
      closing = true;
      clearInterval(sweeper);
      await storeWrites.stop();
      await crm.stop();
      await routing.stop();
      await outbound.stop();
      // io.close() disconnects the sockets, then closes the http server; drop lingering keep-alives.
      const done = server.close();
      setImmediate(() => http.closeAllConnections());
      await done;
      await fanout.close();
    },
  };
}
