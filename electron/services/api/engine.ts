// The composition root: opens the cache, builds the services and implements the API contract.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiHandlers, EventName, SessionInfo } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { clearAll } from '../db/clear';
import { getConversation, listConversations } from '../db/conversations';
import { getMeta, setMeta } from '../db/meta';
import { openCache } from '../db/open';
import type { Db } from '../db/open';
import { countPending } from '../db/outbox';
import { getSyncedTeamIds, getUser, listMembers, listTeams, setSyncedTeamIds } from '../db/people';
import { actionHandlers, describeRejected } from './actions';
import { customerHandlers } from './customers';
import { resolutionHandlers } from './resolutions';
import { suggestionHandlers } from './suggestions';
import { assistHandlers } from './assist';
import { consoleHandlers } from './console';
import { orderHandlers } from './orders';
import { keymapHandlers } from './keymap';
import { readHandlers } from './reads';
import { createAssistSettings } from '../assist/settings';
import type { ChatFetch } from '../assist/client';
import { searchMessages } from '../db/search';
import type { SecretStore } from '../session/secret-store';
import { endServerSession, requestSession } from '../session/sign-in';
import type { FetchLike } from '../session/sign-in';
import { adminHandlers } from './admin';
import { channelAccountHandlers } from './channel-accounts';
import { erasureHandlers } from './erasure';
import { routingHandlers } from './routing';
import { decodeStoredToken, encodeStoredToken, tokenAccount as tokenAccountFor } from '../session/token';
import type { Timers } from '../sync/backoff';
import { connectSocketIo } from '../sync/socket';
import type { SocketFactory } from '../sync/socket';
import { createLookupClient } from '../sync/lookups';
import { createSyncClient } from '../sync/sync-client';
import type { SyncClient } from '../sync/sync-client';
import { createEventHub } from './events';
import type { Listener } from './events';
import { withStorageErrors } from './storage-errors';
import { createSlaWatch } from './sla-watch';
import { createTriageRunner } from './triage-runner';
import { draftHandlers } from './drafts';

export interface EngineOptions {
  /** Folder of the cache (`cache.db`); created if missing. */
  dataDir: string;
  serverUrl: string;
  secretStore: SecretStore;
  fetch?: FetchLike;
  connect?: SocketFactory;
  clock?: () => number;
  /** better-sqlite3 built for Electron (see electron/main/native.ts). */
  nativeBinding?: string;
  /** Where internal errors go; console.error by default. */
  log?: (message: string, error: unknown) => void;
  /** Sync tuning for tests. */
  sync?: {
    pageSize?: number;
    requestTimeoutMs?: number;
    retryDelayMs?: number;
    maxRetryDelayMs?: number;
    timers?: Timers;
  };
  /** How long a lookup (customer search) waits for the server; 10 s unless a test says otherwise. */
  lookupTimeoutMs?: number;
  /** The language model's HTTP client and deadline; fetch and 3 s unless a test says otherwise. */
  assist?: { fetch?: ChatFetch; timeoutMs?: number };
  /** How often a lead's engine checks service levels (`sla:breached`); every minute unless a test says otherwise. */
  slaCheckMs?: number;
}

export interface Engine {
  handlers: ApiHandlers;
  on<N extends EventName>(name: N, listener: Listener<N>): () => void;
  /** Resumes a stored session: a token in the secret store → connect and sync. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** For tests and tools: the open cache. */
  readonly db: Db;
  /** Resolves when no pull or outbox drain is in flight. */
  idle(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  await mkdir(options.dataDir, { recursive: true });
  const db = openCache(
    join(options.dataDir, 'cache.db'),
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const { serverUrl, secretStore } = options;
  const fetchFn = options.fetch ?? fetch;
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((message, error) => console.error(`[caredesk engine] ${message}`, error));
  const tokenAccount = tokenAccountFor(serverUrl, installId(db));
  const assistSettings = createAssistSettings(db, secretStore, installId(db));
  const hub = createEventHub((error) => log('An event listener failed', error));

  let signedIn = false;
  const triageRunner = createTriageRunner({
    db,
    clock,
    onTriaged: (conversationIds) => hub.emit('inbox:changed', { conversationIds }),
    log,
  });

  const sync: SyncClient = createSyncClient({
    db,
    serverUrl,
    connect: options.connect ?? connectSocketIo,
    clock,
    nativeBinding: options.nativeBinding,
    ...options.sync,
    onConversationsChanged: (conversationIds) => {
      hub.emit('inbox:changed', { conversationIds });
      triageRunner.schedule();
    },
    onStateChanged: (state) => hub.emit('sync:changed', state),
    onSessionEnded: (reason) => {
      signedIn = false;
      void forgetToken();
      hub.emit('session:ended', {
        reason: reason === 'session_expired' ? 'Your session has expired. Sign in again.' : 'Please sign in again.',
      });
    },
    onRejected: (entry) => {
      hub.emit('outbox:rejected', describeRejected(db, entry));
      if (entry.conversationIds.length === 0) hub.emit('resolutions:changed', {});
    },
    onLibraryChanged: () => hub.emit('resolutions:changed', {}),
    onTeamsChanged: () => hub.emit('teams:changed', {}),
    onPresenceChanged: (view) => hub.emit('presence:changed', view),
    onError: (error) => log('Sync failed', error),
  });

  const slaWatch = createSlaWatch({
    db,
    clock,
    user: () => (signedIn ? currentUser() : null),
    emit: (payload) => hub.emit('sla:breached', payload),
    log,
    intervalMs: options.slaCheckMs,
  });

  // The server's HTTP API, signed in with the stored session's token.
  const serverCall = {
    serverUrl,
    fetch: fetchFn,
    token: async () => decodeStoredToken(await secretStore.get(tokenAccount).catch(() => null))?.token ?? null,
  };
  const lookups = createLookupClient({
    request: (event, payload, timeoutMs) => sync.request(event, payload, timeoutMs),
    timeoutMs: options.lookupTimeoutMs,
  });

  /** Best effort: a token left behind cannot resume anything (start() checks its user). */
  async function forgetToken(): Promise<void> {
    try {
      await secretStore.delete(tokenAccount);
    } catch (error) {
      log('Could not forget the token', error);
    }
  }

  function currentUser(): User | null {
    const id = getMeta(db, 'user_id');
    if (id === null) return null;
    const synced = getUser(db, id);
    if (synced) return synced;
    const stored = getMeta(db, 'user');
    return stored === null ? null : (JSON.parse(stored) as User);
  }

  function requireUser(): User {
    const user = signedIn ? currentUser() : null;
    if (!user) throw new CaredeskError('unauthorized', 'Sign in to Caredesk first.');
    return user;
  }

  function sessionInfo(): SessionInfo {
    return { user: signedIn ? currentUser() : null, serverUrl, secretStore: secretStore.kind };
  }

  const handlers: ApiHandlers = {
    'session:signIn': async ({ email, password, discardUnsentReplies }) => {
      // Nothing changes before the server accepted the password.
      const session = await requestSession(fetchFn, serverUrl, { email, password });
      // The cache belongs to one user on one server; anyone else starts from an empty one,
      // which would lose the previous user's unsent replies: only the rep may decide that.
      const otherUser = getMeta(db, 'user_id') !== session.user.id || getMeta(db, 'server_url') !== serverUrl;
      const unsent = otherUser ? countPending(db) : 0;
      if (unsent > 0 && !discardUnsentReplies) {
        throw new CaredeskError('unsent_replies', unsentByOtherMessage(unsent, currentUser()));
      }
      // No await between the check and here: no reply can be queued meanwhile.
      sync.stop();
      signedIn = false;
      // The keychain first: if it fails, the cache (and its outbox) is still the previous user's.
      await secretStore.set(tokenAccount, encodeStoredToken({ token: session.token, userId: session.user.id }));
      const recordSession = () => {
        if (otherUser) setSyncedTeamIds(db, session.user.teamIds);
        else if (getMeta(db, 'synced_team_ids') === null) {
          // A cache from before synced teams were recorded: the teams of its last sign-in.
          const synced = getSyncedTeamIds(db);
          if (synced !== null) setSyncedTeamIds(db, synced);
        }
        setMeta(db, 'user_id', session.user.id);
        setMeta(db, 'user', JSON.stringify(session.user));
        setMeta(db, 'server_url', serverUrl);
        setMeta(db, 'token_expires_at', String(session.expiresAt));
      };
      if (otherUser) clearAll(db, recordSession);
      else db.transaction(recordSession)();
      signedIn = true;
      sync.start(session.token);
      slaWatch.start();
      return sessionInfo();
    },

    'session:signOut': async ({ discardUnsentReplies }) => {
      // Signing out empties the cache, outbox included: only the rep may decide to lose replies.
      const unsent = countPending(db);
      if (unsent > 0 && !discardUnsentReplies) throw new CaredeskError('unsent_replies', unsentRepliesMessage(unsent));
      // Read now, awaited after the cache is cleared: a keychain that never answers must not hold that up.
      const storedToken = secretStore.get(tokenAccount).catch(() => null);
      sync.stop();
      signedIn = false;
      // The cache first: a token left in the keychain (delete failed) then resumes nothing.
      clearAll(db);
      hub.emit('sync:changed', sync.state());
      await forgetToken();
      // Worthless on the server too, wherever a copy of it may be; offline it simply expires.
      const stored = decodeStoredToken(await storedToken);
      if (stored) await endServerSession(fetchFn, serverUrl, stored.token);
      return sessionInfo();
    },

    'session:me': () => Promise.resolve(sessionInfo()),

    'inbox:list': (input) => {
      const user = requireUser();
      return Promise.resolve(
        listConversations(db, {
          userId: user.id,
          userTeamIds: user.teamIds,
          filter: input.filter,
          teamId: input.teamId,
          channel: input.channel,
          status: input.status,
          intent: input.intent,
          sentiment: input.sentiment,
          priority: input.priority,
          sort: input.sort,
          cursor: input.cursor,
          limit: input.limit,
        }),
      );
    },

    'inbox:get': ({ conversationId }) => {
      requireUser();
      return Promise.resolve(getConversation(db, conversationId));
    },

    'inbox:teams': () => {
      const user = requireUser();
      return Promise.resolve(listTeams(db, user.teamIds.length > 0 ? user.teamIds : null));
    },

    'inbox:members': ({ teamId }) => {
      requireUser();
      return Promise.resolve(listMembers(db, teamId));
    },

    ...readHandlers({ db, clock, requireUser }),

    ...actionHandlers({
      db,
      clock,
      requireUser,
      changed: (conversationId) => {
        hub.emit('inbox:changed', { conversationIds: [conversationId] });
        hub.emit('sync:changed', sync.state());
        sync.kick();
      },
    }),

    ...customerHandlers({ db, clock, requireUser, lookups }),
    ...draftHandlers({ db, clock, requireUser }),
    ...erasureHandlers({ ...serverCall, requireUser }),
    ...routingHandlers({ ...serverCall, requireUser }),
    ...adminHandlers({ ...serverCall, requireUser }),
    ...channelAccountHandlers({ ...serverCall, requireUser }),

    ...resolutionHandlers({
      db,
      clock,
      requireUser,
      changed: () => {
        hub.emit('resolutions:changed', {});
        hub.emit('sync:changed', sync.state());
        sync.kick();
      },
    }),

    ...suggestionHandlers({
      db,
      clock,
      requireUser,
      assist: assistSettings,
      fetch: options.assist?.fetch,
      phraseTimeoutMs: options.assist?.timeoutMs,
    }),
    ...assistHandlers({ settings: assistSettings, requireUser, fetch: options.assist?.fetch }),
    ...consoleHandlers({ db, clock, requireUser, lookups, server: serverCall }),
    ...orderHandlers({ db, requireUser }),
    ...keymapHandlers({ db, requireUser }),

    'presence:set': (update) => {
      requireUser();
      sync.setPresence(update);
      return Promise.resolve({});
    },

    'presence:get': () => {
      requireUser();
      return Promise.resolve(sync.presence());
    },

    'search:messages': ({ query, limit }) => {
      requireUser();
      return Promise.resolve({ hits: searchMessages(db, query, limit) });
    },

    'sync:status': () => Promise.resolve(sync.state()),
  };

  let closed = false;
  return {
    // A full disk answers `storage_full` from any call (db/errors.ts).
    handlers: withStorageErrors(handlers, db),
    db,
    on: (name, listener) => hub.on(name, listener),
    idle: async () => {
      await sync.idle();
      await triageRunner.idle();
    },
    async start() {
      const raw = await secretStore.get(tokenAccount);
      if (raw === null) return;
      const stored = decodeStoredToken(raw);
      // Only a token issued to the user this cache belongs to may sync it (and send its outbox).
      if (stored === null || stored.userId !== getMeta(db, 'user_id') || getMeta(db, 'server_url') !== serverUrl) {
        await forgetToken();
        return;
      }
      const expiresAt = Number(getMeta(db, 'token_expires_at') ?? 0);
      if (expiresAt !== 0 && expiresAt <= clock()) {
        await forgetToken();
        return;
      }
      signedIn = true;
      sync.start(stored.token);
      slaWatch.start();
      // Conversations cached before triage existed wait in its queue (migration 017).
      triageRunner.schedule();
    },
    async close() {
      if (closed) return;
      closed = true;
      slaWatch.stop();
      sync.stop();
      await triageRunner.stop();
      // The checkpointer's own connection must be gone before the cache is closed (or its folder removed).
      await sync.stopped();
      db.close();
    },
  };
}

/** This cache's install id, made on first use: it keeps the cache's keychain entry its own. */
function installId(db: Db): string {
  const stored = getMeta(db, 'install_id');
  if (stored !== null) return stored;
  const id = randomUUID();
  setMeta(db, 'install_id', id);
  return id;
}

function unsentByOtherMessage(count: number, previous: User | null): string {
  const who = previous ? previous.name.trim() || previous.email : 'the previous user';
  return count === 1
    ? `1 reply by ${who} has not reached the server yet. Sign in as them to send it, or sign in anyway to discard it.`
    : `${count} replies by ${who} have not reached the server yet. Sign in as them to send them, or sign in anyway to discard them.`;
}

function unsentRepliesMessage(count: number): string {
  return count === 1
    ? '1 reply has not reached the server yet. Reconnect to send it, or sign out anyway to discard it.'
    : `${count} replies have not reached the server yet. Reconnect to send them, or sign out anyway to discard them.`;
}
