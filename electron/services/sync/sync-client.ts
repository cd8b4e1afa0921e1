// Keeps the cache in step with the server and drains the outbox, over one socket.io connection.
import type { SyncState } from '../../../shared/api';
import type { ErrorBody } from '../../../shared/domain';
import { PullAck, SendReplyAck, SYNC_PROTOCOL_VERSION, SyncEvents } from '../../../shared/sync';
import type { PullRequest, SendReplyRequest } from '../../../shared/sync';
import { applyPage } from '../db/changes';
import { storageFullError } from '../db/errors';
import { getCursor, getMeta, setMeta } from '../db/meta';
import type { Db } from '../db/open';
import { countPending, listPending, markFailed, markSent, noteAttempt } from '../db/outbox';
import type { SocketFactory, SyncSocket } from './socket';

export type SessionEndReason = 'session_expired' | 'unauthorized';

interface SyncClientDeps {
  db: Db;
  serverUrl: string;
  connect: SocketFactory;
  clock: () => number;
  onConversationsChanged(conversationIds: string[]): void;
  onStateChanged(state: SyncState): void;
  /** The server refused the token: the caller forgets it and tells the renderer. */
  onSessionEnded(reason: SessionEndReason): void;
  /** A pull or drain failed unexpectedly (a full disk is not unexpected: the state says so). */
  onError(error: unknown): void;
  pageSize?: number;
  requestTimeoutMs?: number;
  /** Delay before reconnecting by hand when socket.io will not (refused by a middleware). */
  retryDelayMs?: number;
}

export interface SyncClient {
  /** Connects with this token (replacing any previous connection). */
  start(token: string): void;
  stop(): void;
  /** Sends pending replies now, if connected. */
  kick(): void;
  state(): SyncState;
  /** Resolves when no pull or outbox drain is in flight (for tests and shutdown). */
  idle(): Promise<void>;
}

/** Replies the server refused for good: retrying cannot help. */
const PERMANENT = new Set<ErrorBody['code']>(['not_found', 'invalid_input', 'forbidden']);

export function createSyncClient(deps: SyncClientDeps): SyncClient {
  const { db, serverUrl } = deps;
  const pageSize = deps.pageSize ?? 1000;
  const timeoutMs = deps.requestTimeoutMs ?? 30_000;
  const retryDelayMs = deps.retryDelayMs ?? 2000;

  let socket: SyncSocket | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let pulling: Promise<void> | null = null;
  let pullAgain = false;
  let draining: Promise<void> | null = null;
  let drainAgain = false;
  let connection: SyncState['connection'] = 'offline';
  let detail: string | null = null;
  const stored = getMeta(db, 'last_synced_at');
  let lastSyncedAt: number | null = stored === null ? null : Number(stored);

  function state(): SyncState {
    return { connection, lastSyncedAt, pendingReplies: countPending(db), detail };
  }

  function setState(next: SyncState['connection'], nextDetail: string | null): void {
    connection = next;
    detail = nextDetail;
    deps.onStateChanged(state());
  }

  function start(token: string): void {
    stop();
    const s = deps.connect(serverUrl, { auth: { token, protocol: SYNC_PROTOCOL_VERSION } });
    socket = s;
    s.onConnect(() => {
      if (socket !== s) return;
      setState('syncing', null);
      schedulePull();
      kick();
    });
    s.onDisconnect((reason) => {
      if (socket !== s) return;
      setState('offline', `Lost the connection to the Caredesk server at ${serverUrl}. Reconnecting…`);
      // The server closed this socket on purpose; socket.io will not reconnect by itself.
      if (reason === 'io server disconnect') scheduleRetry(s);
    });
    s.onConnectError((error) => {
      if (socket !== s) return;
      const code = error.message;
      if (code === 'session_expired' || code === 'unauthorized') {
        endSession(code);
        return;
      }
      if (code === 'protocol_mismatch') {
        stop();
        setState('offline', 'This version of Caredesk cannot talk to the server. Update the app.');
        return;
      }
      setState('offline', `Can't reach the Caredesk server at ${serverUrl}. Retrying…`);
      if (!s.active) scheduleRetry(s);
    });
    s.onPoke(() => {
      if (socket === s) schedulePull();
    });
    setState('syncing', `Connecting to ${serverUrl}…`);
    s.connect();
  }

  function scheduleRetry(s: SyncSocket): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (socket === s && !s.connected) s.connect();
    }, retryDelayMs);
  }

  function stop(): void {
    clearTimeout(retryTimer);
    const s = socket;
    socket = null;
    s?.close();
    if (s) setState('offline', null);
  }

  function endSession(reason: SessionEndReason): void {
    stop();
    setState(
      'offline',
      reason === 'session_expired'
        ? 'Your session has expired. Sign in again.'
        : 'The server no longer accepts this sign-in.',
    );
    deps.onSessionEnded(reason);
  }

  function schedulePull(): void {
    if (pulling) {
      pullAgain = true;
      return;
    }
    pulling = pullAll()
      .catch(failed)
      .finally(() => {
        pulling = null;
        if (pullAgain) {
          pullAgain = false;
          schedulePull();
        }
      });
  }

  async function pullAll(): Promise<void> {
    const s = socket;
    if (!s?.connected) return;
    if (connection !== 'syncing') setState('syncing', null);
    const firstSync = lastSyncedAt === null;
    let received = 0;
    for (;;) {
      const request: PullRequest = { cursor: getCursor(db), limit: pageSize };
      let raw: unknown;
      try {
        raw = await s.request(SyncEvents.pull, request, timeoutMs);
      } catch {
        if (socket === s && s.connected) setState('online', 'The server is slow to answer; will try again.');
        return;
      }
      if (socket !== s) return;
      const ack = PullAck.safeParse(raw);
      if (!ack.success) {
        setState('online', 'The server sent changes this version of Caredesk cannot read. Update the app.');
        return;
      }
      if (!ack.data.ok) {
        serverRefused(ack.data.error);
        return;
      }
      const { changes, cursor, hasMore } = ack.data.value;
      const applied = applyPage(db, changes, cursor);
      if (applied.conversationIds.length > 0) deps.onConversationsChanged(applied.conversationIds);
      if (!hasMore) break;
      received += changes.length;
      if (firstSync) setState('syncing', `First sync: ${received.toLocaleString('en-US')} updates so far…`);
    }
    lastSyncedAt = deps.clock();
    setMeta(db, 'last_synced_at', String(lastSyncedAt));
    setState('online', null);
  }

  function serverRefused(error: ErrorBody): void {
    if (error.code === 'session_expired' || error.code === 'unauthorized') endSession(error.code);
    else setState(socket?.connected ? 'online' : 'offline', error.message);
  }

  /**
   * A pull or drain that threw. A full disk is the rep's to fix, so the state says so; the
   * page that could not be applied left the cursor where it was, and the next poke or
   * reconnect pulls it again. Anything else is a bug for the log.
   */
  function failed(error: unknown): void {
    const full = storageFullError(error, db);
    if (full) setState(socket?.connected ? 'online' : 'offline', full.message);
    else deps.onError(error);
  }

  function kick(): void {
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = drain()
      .catch(failed)
      .finally(() => {
        draining = null;
        if (drainAgain) {
          drainAgain = false;
          kick();
        }
      });
  }

  /**
   * Sends each pending reply with its clientId. No ack (timeout, disconnect) leaves it pending
   * for the next connection; sending it twice is harmless because the server is idempotent.
   */
  async function drain(): Promise<void> {
    for (const entry of listPending(db)) {
      const s = socket;
      if (!s?.connected) return;
      noteAttempt(db, entry.clientId);
      const request: SendReplyRequest = {
        clientId: entry.clientId,
        conversationId: entry.conversationId,
        body: entry.body,
      };
      let raw: unknown;
      try {
        raw = await s.request(SyncEvents.sendReply, request, timeoutMs);
      } catch {
        return;
      }
      // Stopped meanwhile (sign-out, close): leave it pending; a resend is harmless.
      if (socket !== s) return;
      const ack = SendReplyAck.safeParse(raw);
      if (!ack.success) return;
      if (ack.data.ok) {
        markSent(db, entry.clientId, ack.data.value);
      } else if (PERMANENT.has(ack.data.error.code)) {
        markFailed(db, entry.clientId, ack.data.error.message);
      } else {
        serverRefused(ack.data.error);
        return;
      }
      deps.onConversationsChanged([entry.conversationId]);
      deps.onStateChanged(state());
    }
  }

  async function idle(): Promise<void> {
    while (pulling || draining) await Promise.all([pulling, draining]);
  }

  return { start, stop, kick, state, idle };
}
