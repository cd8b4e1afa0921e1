// One desktop engine as a child process of the harness: the real engine (cache, outbox, sync
// client) on its own data folder, driven through the API contract as the renderer would drive it.
// Environment: CHAOS_DATA_DIR, CHAOS_SERVER_URL (the harness's proxy).
import { join } from 'node:path';
import type { Engine } from '../../electron/services/api/engine';
import { createEngine } from '../../electron/services/api/engine';
import { dispatchCall } from '../../electron/services/api/dispatch';
import { getCursor } from '../../electron/services/db/meta';
import { apiCalls } from '../../shared/api';
import { queueAction } from './contract';
import { FromEngine, ToEngine } from './messages';
import type { ConversationSnapshot, LibraryItem, PlannedAction } from './messages';
import { createFileSecretStore } from './secret-file';

const dataDir = requiredEnv('CHAOS_DATA_DIR');
const serverUrl = requiredEnv('CHAOS_SERVER_URL');

function send(message: FromEngine, sent?: () => void): void {
  process.send?.(FromEngine.parse(message), undefined, {}, sent);
}

async function main(): Promise<void> {
  const engine = await createEngine({
    dataDir,
    serverUrl,
    secretStore: createFileSecretStore(join(dataDir, 'chaos-secrets.json')),
    log: (message, error) => console.error(`[chaos engine] ${message}`, error),
    // A 2 s request timeout makes a blackholed connection lose acks instead of just stalling.
    sync: { requestTimeoutMs: 2_000, retryDelayMs: 200, maxRetryDelayMs: 2_000 },
  });
  engine.on('sync:changed', (state) =>
    send({ type: 'sync', connection: state.connection, pending: state.pendingActions }),
  );
  let closing = false;
  process.on('message', (raw: unknown) => {
    const message = ToEngine.parse(raw);
    if (message.type === 'start') void start(engine, message.signIn, message.userId).catch(fail);
    else if (message.type === 'run') void run(engine, message.actions, message.window, () => closing).catch(fail);
    else if (message.type === 'snapshot') void snapshot(engine, message.seq, message.conversationIds).catch(fail);
    else {
      closing = true;
      void close(engine).catch(fail);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

async function start(
  engine: Engine,
  signIn: { email: string; password: string } | null,
  userId: string,
): Promise<void> {
  // Whenever the rep's library changes (synced, queued, refused), nothing in it may be someone else's.
  const watchLibrary = () => void reportForeign(engine, userId).catch(fail);
  engine.on('resolutions:changed', watchLibrary);
  if (signIn) {
    const online = waitForSync(engine, (state) => state.connection === 'online');
    const result = await dispatchCall(engine.handlers, 'session:signIn', signIn);
    if (!result.ok) throw new Error(`sign-in failed: ${result.error.code} ${result.error.message}`);
    await online;
  } else {
    // As the desktop app after a crash: the stored session resumes and the outbox drains.
    await engine.start();
  }
  const status = await engine.handlers['sync:status']({});
  send({ type: 'sync', connection: status.connection, pending: status.pendingActions });
  watchLibrary();
  send({ type: 'ready' });
}

/** The rep's canned resolutions as `resolutions:list` answers (the renderer's view); null when it failed. */
async function listLibrary(engine: Engine): Promise<LibraryItem[] | null> {
  const result = await dispatchCall(engine.handlers, 'resolutions:list', {}, () => {});
  if (!result.ok) return null;
  return apiCalls['resolutions:list'].output
    .parse(result.value)
    .resolutions.map(({ id, ownerId, title, body }) => ({ id, ownerId, title, body }));
}

async function library(engine: Engine): Promise<LibraryItem[]> {
  const items = await listLibrary(engine);
  if (items === null) throw new Error('resolutions:list failed');
  return items;
}

/** A list that fails (the engine is closing) shows nothing, so has nothing to report. */
async function reportForeign(engine: Engine, userId: string): Promise<void> {
  const foreign = ((await listLibrary(engine)) ?? []).filter((item) => item.ownerId !== userId);
  if (foreign.length > 0) send({ type: 'foreign', items: foreign });
}

async function run(engine: Engine, actions: PlannedAction[], window: number, closing: () => boolean): Promise<void> {
  for (const planned of actions) {
    if (closing()) return;
    await roomInOutbox(engine, window);
    const outcome = await queueAction(engine.handlers, planned.action);
    if (outcome.ok) send({ type: 'queued', index: planned.index, actionId: outcome.actionId });
    else send({ type: 'refused', index: planned.index, code: outcome.code, message: outcome.message });
  }
  send({ type: 'all-queued' });
}

/** Waits (for sync events, not for time) until fewer than `window` actions are unsent. */
async function roomInOutbox(engine: Engine, window: number): Promise<void> {
  // Subscribed before reading, so a drain in between cannot be missed.
  const room = waitForSync(engine, (state) => state.pendingActions < window);
  const { pendingActions } = await engine.handlers['sync:status']({});
  if (pendingActions < window) {
    room.cancel();
    return;
  }
  await room;
}

/** Waits (for sync events) until the cache has pulled up to `seq`, then describes the conversations. */
async function snapshot(engine: Engine, seq: number, conversationIds: string[]): Promise<void> {
  const synced = async () =>
    getCursor(engine.db) >= seq && (await engine.handlers['sync:status']({})).pendingActions === 0;
  for (;;) {
    const next = waitForSync(engine, () => true);
    if (await synced()) {
      next.cancel();
      break;
    }
    await next;
  }
  await engine.idle();
  const conversations: ConversationSnapshot[] = [];
  for (const id of conversationIds) {
    const result = await dispatchCall(engine.handlers, 'inbox:get', { conversationId: id }, () => {});
    if (!result.ok) {
      conversations.push({
        id,
        status: `missing (${result.error.code})`,
        assigneeId: null,
        tags: [],
        snoozedUntil: null,
        messageIds: [],
        noteIds: [],
      });
      continue;
    }
    const detail = apiCalls['inbox:get'].output.parse(result.value);
    conversations.push({
      id,
      status: detail.conversation.status,
      assigneeId: detail.conversation.assigneeId,
      tags: [...detail.conversation.tags].sort(),
      snoozedUntil: detail.conversation.snoozedUntil,
      messageIds: detail.messages.map((m) => m.id).sort(),
      noteIds: detail.notes.map((n) => n.id).sort(),
    });
  }
  send({ type: 'snapshot', conversations, library: await library(engine) });
}

async function close(engine: Engine): Promise<void> {
  await engine.idle();
  const rejected = await engine.handlers['outbox:rejected']({});
  send({
    type: 'rejected',
    actions: rejected.map((r) => ({ actionId: r.actionId, type: r.type, reason: r.reason })),
  });
  await engine.close();
  // Exits once the message is out: the harness reads the cache file next.
  send({ type: 'closed' }, () => process.exit(0));
}

function waitForSync(
  engine: Engine,
  match: (state: { connection: string; pendingActions: number }) => boolean,
): Promise<void> & { cancel(): void } {
  let off = () => {};
  const promise = new Promise<void>((resolve) => {
    off = engine.on('sync:changed', (state) => {
      if (!match(state)) return;
      off();
      resolve();
    });
  });
  return Object.assign(promise, { cancel: () => off() });
}

function fail(error: unknown): void {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  console.error('[chaos engine]', error);
  process.exitCode = 1;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

main().catch((error: unknown) => {
  fail(error);
  process.exit(1);
});
