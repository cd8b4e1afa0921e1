// Retrying a failed pull or drain while connected: nothing else would (no reconnect, maybe no poke).

/** The timer functions the sync client uses (tests pass their own). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface Backoff {
  /** Something failed: runs the retry after the next delay (base, doubling, at most max). */
  fail(): void;
  /** It worked (or was stopped): cancels a pending retry; the next failure waits the base delay. */
  reset(): void;
  /** The delay the next `fail()` would wait. */
  nextDelay(): number;
}

export function createBackoff(retry: () => void, options: { baseMs: number; maxMs: number; timers?: Timers }): Backoff {
  const timers = options.timers ?? realTimers;
  let failures = 0;
  let handle: unknown = null;

  const nextDelay = () => Math.min(options.baseMs * 2 ** failures, options.maxMs);

  return {
    fail() {
      if (handle !== null) return;
      const delay = nextDelay();
      if (delay < options.maxMs) failures++;
      handle = timers.setTimeout(() => {
        handle = null;
        retry();
      }, delay);
    },
    reset() {
      failures = 0;
      if (handle === null) return;
      timers.clearTimeout(handle);
      handle = null;
    },
    nextDelay,
  };
}
