// The harness's handles on the engine children: start, feed the plan, kill -9, restart on the
// same data folder, and the ledger of every action an engine's API acknowledged.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { forkChild } from './children';
import type { Child, Exit } from './children';
import { conversationsOf, FromEngine } from './messages';
import type { ConversationSnapshot, LibraryItem, PlannedAction, ToEngine } from './messages';
import type { EngineRefusal, KillCandidate, LedgerEntry, ServerRefusal } from './verify';

export interface EngineUser {
  email: string;
  password: string;
  userId: string;
}

interface Slot {
  index: number;
  dataDir: string;
  child: Child<ToEngine, FromEngine> | null;
  /** Plan entries before this one have been answered by the engine's API (OK or refused). */
  next: number;
  /** Unsent actions as the current process last reported; null until it has. */
  pending: number | null;
  expectingExit: boolean;
}

export interface EngineFleet {
  readonly ledger: LedgerEntry[];
  readonly refusals: EngineRefusal[];
  /** Actions the server refused, as each engine listed them when it closed. */
  readonly rejected: ServerRefusal[];
  /**
   * Per restart after a kill -9, the plan entry the engine queues first: the one it was committing
   * when killed, which may have committed (and been sent and applied) without its report.
   */
  readonly killCandidates: KillCandidate[];
  /** Canned resolutions of another user an engine showed, as it reported them. */
  readonly foreign: { engine: number; item: LibraryItem }[];
  /** Actions answered by the engines' APIs so far, all engines together. */
  answered(): number;
  /** Starts every engine and signs it in; resolves once all finished their first sync. */
  startAll(): Promise<void>;
  /** Every planned action has been answered and no engine has anything unsent. */
  drained(): boolean;
  /** kill -9, just after the engine reported its next queued action (while it writes the one after). */
  kill(engine: number): Promise<void>;
  /** Restarts a killed engine on its data folder; it resumes its session and the rest of its plan. */
  restart(engine: number): Promise<void>;
  /** Each engine's view of these conversations and its rep's library once its cache has pulled up to its `seqs` entry, by engine. */
  snapshots(
    seqs: readonly number[],
    conversationIds: readonly string[],
  ): Promise<{ conversations: ConversationSnapshot[]; library: LibraryItem[] }[]>;
  /** Closes every engine cleanly (so its cache can be read) and resolves once all exited. */
  closeAll(): Promise<void>;
  /** kill -9 of every engine, for good (no restart after this): the end of a failed run. */
  shutdown(): Promise<void>;
  dataDirs(): string[];
  /** Called on every message from any engine (to re-check conditions without polling). */
  onProgress(listener: () => void): void;
  onUnexpectedExit(listener: (engine: number, exit: Exit) => void): void;
  onFailure(listener: (engine: number, message: string) => void): void;
  describe(): string;
}

export function createEngineFleet(options: {
  workDir: string;
  serverUrl: string;
  users: readonly EngineUser[];
  plan: readonly PlannedAction[][];
  window: number;
}): EngineFleet {
  const ledger: LedgerEntry[] = [];
  const refusals: EngineRefusal[] = [];
  const rejected: ServerRefusal[] = [];
  const killCandidates: KillCandidate[] = [];
  const foreign: { engine: number; item: LibraryItem }[] = [];
  const progress = new Set<() => void>();
  let unexpected: (engine: number, exit: Exit) => void = () => {};
  let failure: (engine: number, message: string) => void = () => {};
  let answered = 0;
  let shutDown = false;
  const slots: Slot[] = options.users.map((_, index) => {
    const dataDir = join(options.workDir, `engine-${index}`);
    mkdirSync(dataDir, { recursive: true });
    return { index, dataDir, child: null, next: 0, pending: null, expectingExit: false };
  });
  const planOf = (slot: Slot) => options.plan[slot.index] ?? [];
  const slotAt = (engine: number) => {
    const slot = slots[engine];
    if (!slot) throw new Error(`no engine ${engine}`);
    return slot;
  };

  function handle(slot: Slot, child: Child<ToEngine, FromEngine>, message: FromEngine): void {
    switch (message.type) {
      // Acknowledgements count even from a process that was killed since: they were committed.
      case 'queued': {
        const planned = planOf(slot)[message.index];
        if (!planned) throw new Error(`engine ${slot.index} queued an action that was not planned`);
        ledger.push({
          engine: slot.index,
          index: message.index,
          actionId: message.actionId,
          type: planned.action.type,
          conversationIds: conversationsOf(planned.action),
        });
        slot.next = Math.max(slot.next, message.index + 1);
        answered++;
        break;
      }
      case 'refused':
        refusals.push({ engine: slot.index, index: message.index, code: message.code, message: message.message });
        slot.next = Math.max(slot.next, message.index + 1);
        answered++;
        break;
      case 'sync':
        if (slot.child === child) slot.pending = message.pending;
        break;
      case 'failed':
        failure(slot.index, message.message);
        break;
      case 'rejected':
        rejected.push(...message.actions.map((action) => ({ engine: slot.index, ...action })));
        break;
      case 'foreign':
        foreign.push(...message.items.map((item) => ({ engine: slot.index, item })));
        break;
      case 'ready':
      case 'all-queued':
      case 'snapshot':
      case 'closed':
        break;
    }
    for (const listener of [...progress]) listener();
  }

  async function launch(slot: Slot, first: boolean): Promise<void> {
    if (shutDown) throw new Error('the engines were shut down');
    const user = options.users[slot.index];
    if (!user) throw new Error(`no user for engine ${slot.index}`);
    const child = forkChild<ToEngine, FromEngine>({
      entry: './engine-child.ts',
      env: { CHAOS_DATA_DIR: slot.dataDir, CHAOS_SERVER_URL: options.serverUrl },
      logFile: join(options.workDir, `engine-${slot.index}.log`),
      parse: (raw) => FromEngine.parse(raw),
    });
    slot.child = child;
    slot.pending = null;
    slot.expectingExit = false;
    child.onMessage((message) => handle(slot, child, message));
    void child.exited.then((exit) => {
      if (slot.child === child && !slot.expectingExit) unexpected(slot.index, exit);
    });
    const ready = child.next((message): message is Extract<FromEngine, { type: 'ready' }> => message.type === 'ready');
    child.send({
      type: 'start',
      signIn: first ? { email: user.email, password: user.password } : null,
      userId: user.userId,
    });
    await ready;
  }

  function run(slot: Slot): void {
    slot.child?.send({ type: 'run', actions: planOf(slot).slice(slot.next), window: options.window });
  }

  return {
    ledger,
    refusals,
    rejected,
    killCandidates,
    foreign,
    answered: () => answered,
    async startAll() {
      // All signed in and synced before any queues: faults must not hit a first sign-in.
      await Promise.all(slots.map((slot) => launch(slot, true)));
      for (const slot of slots) run(slot);
    },
    drained: () => slots.every((slot) => slot.next >= planOf(slot).length && slot.pending === 0),
    async kill(engine) {
      const slot = slotAt(engine);
      const child = slot.child;
      if (!child) return;
      // Right after it reported a commit it is busy with the next one: the kill lands inside a write.
      // It may be waiting for room in its outbox instead; then a drained action (also a write) wakes it.
      if (slot.next < planOf(slot).length) {
        const queued = child.next(
          (message): message is Extract<FromEngine, { type: 'queued' }> => message.type === 'queued',
        );
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([queued, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
        clearTimeout(timer);
      }
      slot.expectingExit = true;
      child.kill();
      await child.exited;
    },
    async restart(engine) {
      const slot = slotAt(engine);
      if (slot.next < planOf(slot).length) killCandidates.push({ engine, index: slot.next });
      await launch(slot, false);
      run(slot);
    },
    snapshots: (seqs, conversationIds) =>
      Promise.all(
        slots.map(async (slot) => {
          const child = slot.child;
          if (!child) throw new Error(`engine ${slot.index} is not running`);
          const answer = child.next(
            (message): message is Extract<FromEngine, { type: 'snapshot' }> => message.type === 'snapshot',
          );
          const seq = seqs[slot.index];
          if (seq === undefined) throw new Error(`no seq for engine ${slot.index}`);
          child.send({ type: 'snapshot', seq, conversationIds: [...conversationIds] });
          const { conversations, library } = await answer;
          return { conversations, library };
        }),
      ),
    async closeAll() {
      await Promise.all(
        slots.map(async (slot) => {
          const child = slot.child;
          if (!child) return;
          slot.expectingExit = true;
          child.send({ type: 'close' });
          const exit = await child.exited;
          if (exit.code !== 0)
            throw new Error(`engine ${slot.index} did not close cleanly (${exit.signal ?? exit.code})`);
        }),
      );
    },
    async shutdown() {
      shutDown = true;
      await Promise.all(
        slots.map(async (slot) => {
          slot.expectingExit = true;
          slot.child?.kill();
          await slot.child?.exited;
        }),
      );
    },
    dataDirs: () => slots.map((slot) => slot.dataDir),
    onProgress: (listener) => void progress.add(listener),
    onUnexpectedExit: (listener) => {
      unexpected = listener;
    },
    onFailure: (listener) => {
      failure = listener;
    },
    describe: () =>
      slots
        .map(
          (slot) => `engine ${slot.index}: ${slot.next}/${planOf(slot).length} queued, ${slot.pending ?? '?'} unsent`,
        )
        .join('; '),
  };
}
