// Keeps the cache in step with the server and drains the outbox, over one socket.io connection.
import type { SyncState } from '../../../shared/api';
import type { ErrorBody } from '../../../shared/domain';
import type { PresenceView } from '../../../shared/api';
import { ActionResult, currentChangeReader, PulledPageAck, SyncEvents } from '../../../shared/sync';
import { tolerantAckOf } from '../../../shared/sync/ack';
import type { ActionRequest, ChangeReader, PresenceUpdate, PullRequest } from '../../../shared/sync';
import { startCheckpointer, truncateWal } from '../db/checkpointer';
import type { Checkpointer } from '../db/checkpointer';
import { clearSynced } from '../db/clear';
import { storageFullError } from '../db/errors';
import { countSkipped, getCursor, getMeta, rewindSkipped, setMeta } from '../db/meta';
import type { Db } from '../db/open';
import {
  countPending,
  countRejected,
  listPending,
  markAcked,
  markRejected,
  noteAttempt,
  pruneAcked,
} from '../db/outbox';
import type { RejectedEntry } from '../db/outbox';
import { getSyncedTeamIds, getUser, sameTeams, setSyncedTeamIds } from '../db/people';
import { APPLY_CHUNK, applyPulledPage } from './apply-pulled';
import { createPresence } from './presence';
import { createBackoff, realTimers } from './backoff';
import type { Backoff, Timers } from './backoff';
import type { SocketFactory, SyncSocket } from './socket';
import { serverOutdatedDetail, UPDATE_REQUIRED_DETAIL, versionProblemOf } from './versions';

export type SessionEndReason = 'session_expired' | 'unauthorized';

export interface SyncClientDeps {
  db: Db;
  serverUrl: string;
  connect: SocketFactory;
  clock: () => number;
  onConversationsChanged(conversationIds: string[]): void;
  /** A pulled page changed the rep's own canned resolutions. */
  onLibraryChanged(): void;
  /** A pulled page changed a team or a user (names, service levels, membership). */
  onTeamsChanged?(): void;
  onStateChanged(state: SyncState): void;
  /** The server refused the token: the caller forgets it and tells the renderer. */
  onSessionEnded(reason: SessionEndReason): void;
  /** The server refused an action for good; its local effect was undone. */
  onRejected(entry: RejectedEntry): void;
  onPresenceChanged(view: PresenceView): void;
  /** A pull or drain failed unexpectedly (a full disk is not unexpected: the state says so). */
  onError(error: unknown): void;
  pageSize?: number;
  requestTimeoutMs?: number;
  /**
   * Delay before reconnecting by hand when socket.io will not (refused by a middleware), and
   * the first delay before retrying a pull or drain that failed while connected (doubling up
   * to `maxRetryDelayMs`, back to this after a success).
   */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How often to try again while the server is older than this engine; default 5 minutes. */
  serverUpdateRetryMs?: number;
  timers?: Timers;
  /** The protocol version this engine speaks and how it reads changes; today's by default (tests pass an earlier one). */
  reader?: ChangeReader;
  /** better-sqlite3 built for the Electron shell, for the WAL checkpointer's own connection. */
  nativeBinding?: string | undefined;
}

export interface SyncClient {
  /** Connects with this token (replacing any previous connection). */
  start(token: string): void;
  stop(): void;
  /** Resolves once everything `stop` set going has finished (the checkpointer's thread has exited). */
  stopped(): Promise<void>;
  /** Sends pending actions now, if connected. */
  kick(): void;
  /** This rep's presence, sent now and after every reconnect. */
  setPresence(update: PresenceUpdate): void;
  presence(): PresenceView;
  state(): SyncState;
  /** Resolves when no pull or outbox drain is in flight (for tests and shutdown). */
  idle(): Promise<void>;
  /** A request on the connected socket (lookups); rejects at once when not connected. */
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
}

/**
 * Changes per pull: large pages make few round trips, and of a conversation's many updates in
 * one page only the last is written. A page is applied a slice at a time (apply-pulled.ts), with
 * the event loop free between slices, so the app keeps answering during a long catch-up.
 */
export const PAGE_SIZE = 2500;
export { APPLY_CHUNK } from './apply-pulled';

/** Actions the server refused for good: retrying cannot help. */
const PERMANENT: ReadonlySet<string> = new Set<ErrorBody['code']>([
  'not_found',
  'invalid_input',
  'forbidden',
  'conflict',
]);

/** An error code newer than this engine is still an error it can show and retry. */
const ActionAnswer = tolerantAckOf(ActionResult);

export function createSyncClient(deps: SyncClientDeps): SyncClient {
  const { db, serverUrl } = deps;
  const pageSize = deps.pageSize ?? PAGE_SIZE;
  const timeoutMs = deps.requestTimeoutMs ?? 30_000;
  const retryDelayMs = deps.retryDelayMs ?? 2000;
  const timers = deps.timers ?? realTimers;
  const reader = deps.reader ?? currentChangeReader;

  let socket: SyncSocket | null = null;
  let reconnectTimer: unknown = null;
  let pulling: Promise<void> | null = null;
  let pullAgain = false;
  let draining: Promise<void> | null = null;
  let drainAgain = false;
  let connection: SyncState['connection'] = 'offline';
  let detail: string | null = null;
  // The server's version, from its pull answers; and whether it refused this engine as too old.
  let serverVersion: number | null = null;
  let updateRequired = false;
  // While connected, WAL checkpoints run on a thread of their own (db/checkpointer.ts).
  let checkpointer: Checkpointer | null = null;
  let checkpointerClosed: Promise<void> = Promise.resolve();
  const commitCost = { msPerUnit: 0 };
  // Nothing else would retry a pull or drain that failed while the socket stays connected.
  const backoff = { baseMs: retryDelayMs, maxMs: deps.maxRetryDelayMs ?? 60_000, timers };
  const pullRetry: Backoff = createBackoff(() => {
    if (socket?.connected) schedulePull();
  }, backoff);
  const drainRetry: Backoff = createBackoff(() => {
    if (socket?.connected) kick();
  }, backoff);

  /** Read from the cache each time: a clear (sign-out, another user, new teams) resets it. */
  function lastSyncedAt(): number | null {
    const stored = getMeta(db, 'last_synced_at');
    return stored === null ? null : Number(stored);
  }

  function state(): SyncState {
    return {
      connection,
      lastSyncedAt: lastSyncedAt(),
      pendingActions: countPending(db),
      rejectedActions: countRejected(db),
      detail,
      update: update(),
    };
  }

  function update(): SyncState['update'] {
    if (updateRequired) return { required: true, skipped: countSkipped(db) };
    if (serverVersion !== null && serverVersion > reader.version) return { required: false, skipped: countSkipped(db) };
    return null;
  }

  const presence = createPresence({
    selfId: () => getMeta(db, 'user_id'),
    nameOf: (userId) => getUser(db, userId)?.name ?? 'Someone',
    onChanged: (view) => deps.onPresenceChanged(view),
    requestTimeoutMs: timeoutMs,
  });

  function setState(next: SyncState['connection'], nextDetail: string | null): void {
    connection = next;
    detail = nextDetail;
    deps.onStateChanged(state());
  }

  function start(token: string): void {
    stop();
    updateRequired = false;
    serverVersion = null;
    // Upgraded since changes were skipped: they are pulled again, from the first of them (not from 0).
    rewindSkipped(db, reader.version);
    checkpointer = startCheckpointer(db, {
      nativeBinding: deps.nativeBinding,
      onError: (error) => deps.onError(error),
    });
    const s = deps.connect(serverUrl, { auth: { token, protocol: reader.version } });
    socket = s;
    s.onConnect(() => {
      if (socket !== s) return;
      pullRetry.reset();
      drainRetry.reset();
      setState('syncing', null);
      schedulePull();
      kick();
      presence.attach(s);
    });
    s.onDisconnect((reason) => {
      if (socket !== s) return;
      presence.detach();
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
      const problem = versionProblemOf(error, reader.version);
      if (problem === 'update_required') {
        // Trying again cannot help; the outbox keeps the rep's changes for the updated app.
        stop();
        updateRequired = true;
        setState('offline', UPDATE_REQUIRED_DETAIL);
        return;
      }
      if (problem === 'server_outdated') {
        setState('offline', serverOutdatedDetail(serverUrl));
        scheduleRetry(s, deps.serverUpdateRetryMs ?? 5 * 60_000);
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

  function scheduleRetry(s: SyncSocket, delayMs = retryDelayMs): void {
    cancelReconnect();
    reconnectTimer = timers.setTimeout(() => {
      reconnectTimer = null;
      if (socket === s && !s.connected) s.connect();
    }, delayMs);
  }

  function cancelReconnect(): void {
    if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
    reconnectTimer = null;
  }

  function stop(): void {
    cancelReconnect();
    pullRetry.reset();
    drainRetry.reset();
    const s = socket;
    socket = null;
    s?.close();
    if (checkpointer) checkpointerClosed = checkpointer.close();
    checkpointer = null;
    presence.detach();
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
      .catch((error: unknown) => failed(error, pullRetry))
      .finally(() => {
        pulling = null;
        if (pullAgain) {
          pullAgain = false;
          schedulePull();
        }
      });
  }

  /**
   * Pulls pages until the server has no more. A failure while still connected is retried
   * (backoff); a disconnect is not: the reconnect pulls again. When the pages changed the
   * signed-in user's teams, the cache is emptied (outbox and session kept) and the pull
   * starts again from cursor 0, so that the new teams' older conversations arrive and the
   * old teams' ones are gone.
   */
  async function pullAll(): Promise<void> {
    const s = socket;
    if (!s?.connected) return;
    if (connection !== 'syncing') setState('syncing', null);
    let firstSync = lastSyncedAt() === null;
    let received = 0;
    let prefetched: Promise<unknown> | null = null;
    let from = getCursor(db);
    // Whether the pull removed anything: then the WAL is emptied at its end (forgetRemoved).
    let removed = false;
    const request = (cursor: number) => {
      const pull: PullRequest = { cursor, limit: pageSize };
      return s.request(SyncEvents.pull, pull, timeoutMs);
    };
    for (;;) {
      let raw: unknown;
      try {
        raw = await (prefetched ?? request(from));
      } catch {
        if (socket === s && s.connected) {
          setState('online', 'The server is slow to answer; will try again.');
          pullRetry.fail();
        }
        return;
      }
      if (socket !== s) return;
      const ack = PulledPageAck.safeParse(raw);
      if (!ack.success) {
        setState('online', 'The server answered in a way this version of Caredesk cannot read. Update Caredesk.');
        pullRetry.fail();
        return;
      }
      if (!ack.data.ok) {
        if (serverRefused(ack.data.error)) pullRetry.fail();
        return;
      }
      const page = ack.data.value;
      const { cursor, hasMore } = page;
      // While this page is applied, the server already reads the next one (catch-up speed). If
      // applying fails, that answer is dropped: the cursor did not move, the retry asks again.
      prefetched = hasMore ? request(cursor) : null;
      prefetched?.catch(() => {});
      const skippedBefore = countSkipped(db);
      // Stopped meanwhile (sign-out, close): the cursor stays at the last slice applied.
      const changed = await applyPulledPage(db, page, from, { reader, commitCost, stillWanted: () => socket === s });
      if (changed === null) return;
      if (page.changes.some(removes)) removed = true;
      if (changed.length > 0) deps.onConversationsChanged(changed);
      if (page.changes.some(changesLibrary)) deps.onLibraryChanged();
      if (page.changes.some(changesTeams)) deps.onTeamsChanged?.();
      // After a large page only: a checkpoint per small pull (one per rep action) would fsync for little.
      if (page.changes.length >= APPLY_CHUNK) void checkpointer?.checkpoint();
      from = cursor;
      noteServerVersion(page.protocol ?? null, countSkipped(db) - skippedBefore);
      if (!hasMore) {
        if (!resetIfTeamsChanged()) break;
        firstSync = true;
        received = 0;
        from = getCursor(db);
        continue;
      }
      received += page.changes.length;
      if (firstSync) setState('syncing', `First sync: ${received.toLocaleString('en-US')} updates so far…`);
    }
    db.transaction(() => {
      pruneAcked(db, getCursor(db));
      setMeta(db, 'last_synced_at', String(deps.clock()));
    })();
    if (removed) await forgetRemoved();
    pullRetry.reset();
    setState('online', null);
  }

  /**
   * After a pull that removed something (an erased customer, a merge, a conversation gone from
   * the rep's teams): the WAL still holds the frames written before the delete, so it is
   * checkpointed and truncated at once (on the checkpointer's thread, or here if it is gone); the
   * cache's secure_delete and FTS5 secure-delete already overwrote the text in the file itself.
   */
  async function forgetRemoved(): Promise<void> {
    const result = checkpointer ? await checkpointer.checkpoint('truncate') : null;
    if (result?.busy === 0 || db.memory || !db.open) return;
    const again = truncateWal(db);
    if (again.busy !== 0) deps.onError(new Error('Could not empty the WAL after deletions: a reader held it.'));
  }

  /**
   * A newer server is worth telling the rep about (`update`), with what this version skipped. A
   * skipped change from a server that is not newer is a bug in what it sent: the log says so.
   */
  function noteServerVersion(version: number | null, skipped: number): void {
    const known = serverVersion;
    serverVersion = version;
    if (skipped > 0 && (version === null || version <= reader.version)) {
      deps.onError(new Error(`Skipped ${skipped} change(s) that protocol version ${reader.version} cannot read.`));
    }
    if (known !== version || skipped > 0) deps.onStateChanged(state());
  }

  /**
   * Compares the signed-in user's teams, as the pulled changes left them, with the teams the
   * cache was filled for. Checked once the log is read to its end: a pull from 0 replays older
   * `user` changes, and only the newest one says what the server filters by now.
   */
  function resetIfTeamsChanged(): boolean {
    const userId = getMeta(db, 'user_id');
    const user = userId === null ? null : getUser(db, userId);
    if (!user) return false;
    const synced = getSyncedTeamIds(db);
    if (synced === null) {
      setSyncedTeamIds(db, user.teamIds);
      return false;
    }
    if (sameTeams(synced, user.teamIds)) return false;
    const dropped = clearSynced(db, () => {
      setMeta(db, 'user', JSON.stringify(user));
      setSyncedTeamIds(db, user.teamIds);
    });
    if (dropped.length > 0) deps.onConversationsChanged(dropped);
    setState('syncing', 'Your teams changed. Syncing your inbox again…');
    return true;
  }

  /** True when retrying may help; false when the session ended. */
  function serverRefused(error: { code: string; message: string }): boolean {
    if (error.code === 'session_expired' || error.code === 'unauthorized') {
      endSession(error.code);
      return false;
    }
    setState(socket?.connected ? 'online' : 'offline', error.message);
    return true;
  }

  /**
   * A pull or drain that threw. A full disk is the rep's to fix, so the state says so; the
   * page that could not be applied left the cursor where it was, and the retry (or the next
   * poke or reconnect) pulls it again. Anything else is a bug for the log, retried all the same.
   */
  function failed(error: unknown, retry: Backoff): void {
    const full = storageFullError(error, db);
    if (full) setState(socket?.connected ? 'online' : 'offline', full.message);
    else deps.onError(error);
    if (socket?.connected) retry.fail();
  }

  function kick(): void {
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = drain()
      .catch((error: unknown) => failed(error, drainRetry))
      .finally(() => {
        draining = null;
        if (drainAgain) {
          drainAgain = false;
          kick();
        }
      });
  }

  /**
   * Sends each pending action with its id, in the order the rep made them, one at a time: the
   * next waits for the previous one's answer, so the server applies them in that order. No
   * answer leaves it pending: after a disconnect the reconnect sends it again, after a timeout
   * (or an answer that does not help) the retry does; sending it twice is harmless because the
   * server applies an id once.
   */
  async function drain(): Promise<void> {
    let acked = false;
    for (const entry of listPending(db)) {
      const s = socket;
      if (!s?.connected) return;
      noteAttempt(db, entry.id);
      const request: ActionRequest = { id: entry.id, action: entry.action };
      let raw: unknown;
      try {
        raw = await s.request(SyncEvents.action, request, timeoutMs);
      } catch {
        if (socket === s && s.connected) drainRetry.fail();
        return;
      }
      // Stopped meanwhile (sign-out, close): leave it pending; a resend is harmless.
      if (socket !== s) return;
      const ack = ActionAnswer.safeParse(raw);
      if (!ack.success) {
        drainRetry.fail();
        return;
      }
      if (ack.data.ok) {
        const outcome = markAcked(db, entry.id, ack.data.value, deps.clock());
        acked = outcome.acked || acked;
        for (const refused of outcome.refused) deps.onRejected(refused);
      } else if (PERMANENT.has(ack.data.error.code)) {
        const rejected = markRejected(db, entry.id, ack.data.error.message, deps.clock());
        if (rejected) deps.onRejected(rejected);
      } else {
        if (serverRefused(ack.data.error)) drainRetry.fail();
        return;
      }
      deps.onConversationsChanged(entry.conversationIds);
      deps.onStateChanged(state());
    }
    drainRetry.reset();
    // The server's copies of what was acked: without them acked actions linger (pokes can be lost).
    if (acked) schedulePull();
  }

  async function idle(): Promise<void> {
    while (pulling || draining) await Promise.all([pulling, draining]);
  }

  return {
    start,
    stop,
    stopped: () => checkpointerClosed,
    kick,
    state,
    idle,
    setPresence: (update) => presence.set(update),
    presence: () => presence.view(),
    request: (event, payload, timeoutMs) =>
      socket?.connected ? socket.request(event, payload, timeoutMs) : Promise.reject(new Error('disconnected')),
  };
}

/** Whether a pulled (not yet read) change is a version of an entity of one of `kinds`, or its deletion. */
function changesKind(raw: unknown, kinds: readonly string[]): boolean {
  if (typeof raw !== 'object' || raw === null || !('kind' in raw)) return false;
  if (kinds.includes(raw.kind as string)) return true;
  const entity = raw.kind === 'delete' && 'data' in raw ? (raw.data as { entity?: unknown } | null)?.entity : null;
  return typeof entity === 'string' && kinds.includes(entity);
}

/** Whether a pulled change touches the rep's canned resolutions. */
const changesLibrary = (raw: unknown) => changesKind(raw, ['resolution']);

/** Whether a pulled change touches teams as the rep sees them: a team, or a user (its teams). */
const changesTeams = (raw: unknown) => changesKind(raw, ['team', 'user']);

/** Whether a pulled change removes something from the cache (a `delete` or a `revoke`). */
function removes(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'kind' in raw && (raw.kind === 'delete' || raw.kind === 'revoke');
}
