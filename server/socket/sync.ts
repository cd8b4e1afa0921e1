import type { Server, Socket } from 'socket.io';
import type { Channel } from '../../shared/domain/channels';
import type { User } from '../../shared/domain/entities';
import type { ErrorBody } from '../../shared/domain/errors';
import { ActionRequest, isOrderAction } from '../../shared/sync/actions';
import type { ActionAck } from '../../shared/sync/actions';
import { HandshakeAuth, PullRequest, SYNC_PROTOCOL, SyncEvents, versionRefusal } from '../../shared/sync/protocol';
import type { PokePayload, ProtocolRange, PullAck } from '../../shared/sync/protocol';
import { pullChanges } from '../db/changes';
import type { AppendedChanges } from '../db/changes';
import type { Sql } from '../db/sql';
import { clientErrorBody } from '../errors';
import { authenticate, SESSION_EXPIRED } from '../services/auth';
import { sessionRoom, teamIdsOf, teamRoom, userRoom } from './rooms';
import { CaredeskError } from '../../shared/domain/errors';
import { applyAction } from '../services/actions/apply';
import { createRecentConversations } from '../services/actions/recent-conversations';
import type { ServerFaults } from './faults';
import { BUSY_MESSAGE, createLimiter, DEFAULT_SYNC_LIMITS } from './limits';
import type { Limiter, SyncLimits } from './limits';
import { installLookups, lookupHandlers } from './lookups';
import { installPresence, listPresence } from './presence';
import { PresenceEvents } from '../../shared/sync/presence';
import type { PresenceListAck } from '../../shared/sync/presence';

interface SyncContext {
  sql: Sql;
  clock: () => number;
  log: (error: unknown) => void;
  /** Resolves once this process's room subscriptions are in effect (see fanout.ts). */
  subscribed: () => Promise<void>;
  /** Test-only (see faults.ts). */
  faults?: ServerFaults;
  /** In-flight work per socket, user and process (limits.ts); the defaults unless a test says otherwise. */
  limits?: Partial<SyncLimits>;
  /** The engine versions served (shared/sync/protocol.ts); today's unless a test says otherwise. */
  protocol?: ProtocolRange;
  /** The reply sending of this process: which channels a provider sends on, and a nudge once one is queued. */
  outbound?: { sendsOn: (channel: Channel) => boolean; wake: () => void };
  /** A routing pass over these teams soon: a conversation came back to the queue, or a rep came online. */
  routeTeams?: (teamIds: readonly string[]) => void;
  /** Refreshes a customer's purchase history from connected records, when stale (`server/crm/`). */
  crmTouch?: (customerId: string) => void;
  /** Looks for order actions waiting for a connected store now (`server/crm/writes.ts`). */
  storeWake?: () => void;
}

interface SocketData {
  token: string;
  user: User;
  expiresAt: number;
  /** When the session was last read from the database (clock ms). */
  checkedAt: number;
}

/**
 * How long a socket's events trust the session as last read. Expiry is checked on every event;
 * a sign-out disconnects the session's sockets on every process at once (its room), and a
 * membership change moves them between team rooms at once; this catches changes made in the
 * database directly.
 */
export const SESSION_RECHECK_MS = 10_000;

/** Actions after which a conversation may be unassigned and open: routing looks at its team at once. */
const ROUTING_ACTIONS = new Set<string>(['assign', 'assignMany', 'status']);

type Ack<T> = (response: T) => void;

/** Emits `sync:poke` to everyone who may see the appended changes. */
export function pokeFor(io: Server, changes: AppendedChanges): void {
  if (changes.seq === 0) return;
  const payload: PokePayload = { seq: changes.seq };
  if (changes.everyone) io.emit(SyncEvents.poke, payload);
  else {
    const rooms = [...changes.teamIds.map(teamRoom), ...changes.userIds.map(userRoom)];
    if (rooms.length > 0) io.to(rooms).emit(SyncEvents.poke, payload);
  }
}

/** Disconnects every socket signed in with `token` (after sign-out), on every server process. */
export function disconnectSession(io: Server, token: string): void {
  io.in(sessionRoom(token)).disconnectSockets(true);
}

/** Disconnects every socket of `userId` (deactivated by an admin), on every server process. */
export function disconnectUser(io: Server, userId: string): void {
  io.in(userRoom(userId)).disconnectSockets(true);
}

/**
 * Puts every socket of `userId`, on every server process (through the adapter), in the rooms of
 * exactly `teamIds` out of `allTeamIds`: out of the rooms of teams they left at once, into those
 * they joined. Their sockets' next event re-reads the user (handle), so pulls follow too.
 */
export function moveUser(io: Server, userId: string, teamIds: readonly string[], allTeamIds: readonly string[]): void {
  const sockets = io.in(userRoom(userId));
  const leave = allTeamIds.filter((teamId) => !teamIds.includes(teamId)).map(teamRoom);
  if (leave.length > 0) sockets.socketsLeave(leave);
  if (teamIds.length > 0) sockets.socketsJoin(teamIds.map(teamRoom));
}

/**
 * Handshake: the error message is exactly the error code; the engine reads it. An engine whose
 * version is not served is refused before its token is even looked at, with the server's range
 * as the error's `data` (shared/sync/README.md "Versions").
 */
export function installSync(io: Server, ctx: SyncContext): void {
  const recent = createRecentConversations();
  const lookups = lookupHandlers(ctx.sql, ctx.crmTouch);
  const limiter = createLimiter({ ...DEFAULT_SYNC_LIMITS, ...ctx.limits });
  const protocol = ctx.protocol ?? SYNC_PROTOCOL;
  io.use((socket, next) => {
    const raw: unknown = socket.handshake.auth;
    const parsed = HandshakeAuth.safeParse(raw);
    const refusal = parsed.success ? versionRefusal(parsed.data.protocol, protocol) : null;
    if (refusal) {
      next(Object.assign(new Error(refusal), { data: { ...protocol } }));
      return;
    }
    if (!parsed.success) {
      next(new Error('unauthorized'));
      return;
    }
    authenticate(ctx.sql, parsed.data.token, ctx.clock()).then(
      ({ user, expiresAt }) => {
        const data: SocketData = { token: parsed.data.token, user, expiresAt, checkedAt: ctx.clock() };
        socket.data = data;
        next();
      },
      (error: unknown) => next(new Error(clientErrorBody(error, ctx.log).code)),
    );
  });

  io.on('connection', (socket) => {
    const data = socket.data as SocketData;
    void socket.join([sessionRoom(data.token), userRoom(data.user.id), ...data.user.teamIds.map(teamRoom)]);

    socket.on('disconnect', () => limiter.forget(socket.id));

    socket.on(SyncEvents.pull, (request: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      handle(ctx, limiter, socket, ack as Ack<PullAck>, async (user) => {
        const { cursor, limit } = PullRequest.parse(request);
        // Any change this read misses is committed later, and its poke reaches this socket's rooms.
        await ctx.subscribed();
        const page = await limiter.pull(() => pullChanges(ctx.sql, user.teamIds, cursor, limit, user.id));
        return { ack: true, value: { ...page, protocol: protocol.version } };
      });
    });

    socket.on(SyncEvents.action, (request: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      let appended: AppendedChanges | null = null;
      handle(
        ctx,
        limiter,
        socket,
        ack as Ack<ActionAck>,
        async (user) => {
          const parsed = ActionRequest.parse(request);
          const outcome = await applyAction(ctx.sql, user, parsed, ctx.clock(), recent, ctx.outbound?.sendsOn);
          appended = outcome.changes;
          if (outcome.result.message?.status === 'pending') ctx.outbound?.wake();
          // An order a store keeps: the store is asked now rather than at the queue's next pass.
          if (isOrderAction(parsed.action)) ctx.storeWake?.();
          // Unassigned or reopened: routing may give it to someone now rather than at its next pass.
          if (ROUTING_ACTIONS.has(parsed.action.type) && outcome.changes.teamIds.length > 0) {
            ctx.routeTeams?.(outcome.changes.teamIds);
          }
          const fault = ctx.faults?.afterActionStored?.({ socket, request: parsed, ...outcome });
          if (fault === 'disconnect') socket.disconnect(true);
          return fault === undefined || fault === 'ack' ? { ack: true, value: outcome.result } : { ack: false };
        },
        // The actor hears its ack first; the poke (to every socket of the team) follows it.
        () => {
          if (appended) pokeFor(io, appended);
        },
      );
    });

    installLookups(socket, lookups, (ack, work) =>
      handle(ctx, limiter, socket, ack, async (user) => ({ ack: true, value: await work(user) })),
    );

    installPresence(io, socket, (teamIds) => ctx.routeTeams?.(teamIds));
    socket.on(PresenceEvents.list, (_request: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      handle(ctx, limiter, socket, ack as Ack<PresenceListAck>, async (user) => ({
        ack: true,
        value: { entries: await listPresence(io, user) },
      }));
    });
  });
}

/** What a handler answers: a value to ack, or (fault injection only) no answer at all. */
type Outcome<T> = { ack: true; value: T } | { ack: false };

/**
 * Once the socket and its user have a free slot (limits.ts; refused at once as `rate_limited`
 * when even the queue is full), checks the session (see SESSION_RECHECK_MS), runs the handler
 * and acks `{ok, value}` or `{ok:false, error}`, then runs `after`. An ended session also
 * disconnects the socket.
 */
function handle<T>(
  ctx: SyncContext,
  limiter: Limiter,
  socket: Socket,
  ack: Ack<{ ok: true; value: T } | { ok: false; error: ErrorBody }>,
  run: (user: User) => Promise<Outcome<T>>,
  after?: () => void,
): void {
  const task = () =>
    currentUser(ctx, socket)
      .then(async (user) => {
        const outcome = await run(user);
        if (outcome.ack) ack({ ok: true, value: outcome.value });
        after?.();
      })
      .catch((error: unknown) => {
        const body = clientErrorBody(error, ctx.log);
        ack({ ok: false, error: body });
        if (body.code === 'session_expired' || body.code === 'unauthorized') socket.disconnect(true);
      });
  const { user } = socket.data as SocketData;
  if (!limiter.admit(socket.id, user.id, task))
    ack({ ok: false, error: { code: 'rate_limited', message: BUSY_MESSAGE } });
}

/** The socket's user, with the teams of its rooms; the session is read again when due. */
async function currentUser(ctx: SyncContext, socket: Socket): Promise<User> {
  const data = socket.data as SocketData;
  const now = ctx.clock();
  if (data.expiresAt <= now) throw new CaredeskError('session_expired', SESSION_EXPIRED);
  if (now - data.checkedAt >= SESSION_RECHECK_MS) {
    const { user, expiresAt } = await authenticate(ctx.sql, data.token, now);
    // Membership changed in the database directly: follow it (the membership route moves rooms itself).
    for (const teamId of teamIdsOf(socket)) if (!user.teamIds.includes(teamId)) void socket.leave(teamRoom(teamId));
    void socket.join(user.teamIds.map(teamRoom));
    Object.assign(data, { user, expiresAt, checkedAt: now });
  }
  return { ...data.user, teamIds: teamIdsOf(socket) };
}
