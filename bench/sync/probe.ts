// The renderer asking for the inbox at a steady pace while the engine catches up. Requests are
// due at fixed times (start + k × interval) and each is measured from the time it was due, not
// from when the event loop got round to sending it: a request held up behind a catch-up
// transaction counts the whole wait, as a rep's click would. Requests that fell due while the
// loop was blocked are all sent when it frees, each timed from its own due time.

export interface ProbeClock {
  now(): number;
  /** Calls `run` after about `ms`; returns a cancel. */
  after(ms: number, run: () => void): () => void;
}

export const realClock: ProbeClock = {
  now: () => performance.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

export interface Probe {
  /** Stops issuing; resolves, once the requests in flight have answered, with every latency in ms. */
  stop(): Promise<number[]>;
}

export function probeEvery(intervalMs: number, request: () => Promise<unknown>, clock = realClock): Probe {
  const start = clock.now();
  const samples: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let due = 0;
  let stopped = false;
  let failure: Error | null = null;
  let cancel = () => {};
  const tick = () => {
    for (let at = start + due * intervalMs; !stopped && at <= clock.now(); at = start + ++due * intervalMs) {
      const dueAt = at;
      const answered: Promise<void> = request().then(
        () => {
          samples.push(clock.now() - dueAt);
          inFlight.delete(answered);
        },
        (error: unknown) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
          inFlight.delete(answered);
        },
      );
      inFlight.add(answered);
    }
    if (!stopped) cancel = clock.after(Math.max(0, start + due * intervalMs - clock.now()), tick);
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      cancel();
      await Promise.all(inFlight);
      if (failure) throw failure;
      return samples;
    },
  };
}
