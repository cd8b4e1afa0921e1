// Runs the inbox triage (db/triage.ts) after sync: a batch per turn of the event loop until the
// queue is empty, telling the renderer which conversations changed.
import { queueLatenessChanges, triageQueued } from '../db/triage';
import type { Db } from '../db/open';

interface TriageRunnerDeps {
  db: Db;
  clock: () => number;
  onTriaged: (conversationIds: string[]) => void;
  log: (message: string, error: unknown) => void;
  /** How often waiting conversations are checked for orders that became late meanwhile; default 5 min. */
  latenessEveryMs?: number;
}

export interface TriageRunner {
  /** Starts a pass unless one is running (a running pass reads the queue until it is empty). */
  schedule(): void;
  /** Resolves when no pass is running. */
  idle(): Promise<void>;
  /** No pass starts after this; resolves when the running one stopped. */
  stop(): Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createTriageRunner(deps: TriageRunnerDeps): TriageRunner {
  let running: Promise<void> | null = null;
  let stopped = false;

  async function pass(): Promise<void> {
    for (;;) {
      await nextTurn();
      if (stopped) return;
      const ids = triageQueued(deps.db, deps.clock());
      if (ids.length === 0) return;
      deps.onTriaged(ids);
    }
  }

  // Time alone makes an order late: its waiting conversations are triaged again (urgency).
  const lateness = setInterval(() => {
    if (stopped) return;
    try {
      if (queueLatenessChanges(deps.db, deps.clock()) > 0) schedule();
    } catch (error) {
      deps.log('Checking orders for lateness failed', error);
    }
  }, deps.latenessEveryMs ?? 300_000);
  lateness.unref();

  function schedule(): void {
    if (stopped || running) return;
    running = pass()
      .catch((error: unknown) => deps.log('Triage of the inbox failed', error))
      .finally(() => {
        running = null;
      });
  }

  return {
    schedule,
    idle: async () => {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(lateness);
      await running;
    },
  };
}
