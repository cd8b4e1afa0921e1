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
  /** The delay the next `fail()` would wait (with this draw of the jitter). */
  nextDelay(): number;
}

interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  timers?: Timers;
  /**
   * A number in [0, 1) per retry (Math.random by default): each delay is between half and all
   * of its step, so that many engines cut off together (a server restart) do not retry in step.
   */
  jitter?: () => number;
}

export function createBackoff(retry: () => void, options: BackoffOptions): Backoff {
  const timers = options.timers ?? realTimers;
  const jitter = options.jitter ?? Math.random;
  let failures = 0;
  let handle: unknown = null;

  const step = () => Math.min(options.baseMs * 2 ** failures, options.maxMs);
  const nextDelay = () => {
    const full = step();
    return Math.round(full / 2 + (full / 2) * jitter());
  };

  return {
    fail() {
      if (handle !== null) return;
      const delay = nextDelay();
      if (step() < options.maxMs) failures++;
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
