import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';
import type { Timers } from './backoff';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    delays: () => [...pending.values()].map((t) => t.ms),
    fire() {
      const [first] = [...pending.entries()];
      if (!first) throw new Error('no timer is pending');
      pending.delete(first[0]);
      first[1].callback();
    },
  };
}

describe('retry backoff', () => {
  it('waits 2 s, doubling up to 60 s; one retry at a time; back to 2 s after a success', () => {
    const clock = manualTimers();
    let retries = 0;
    const backoff = createBackoff(() => retries++, {
      baseMs: 2000,
      maxMs: 60_000,
      timers: clock.timers,
      jitter: () => 1,
    });
    const waited: number[] = [];
    for (let i = 0; i < 8; i++) {
      backoff.fail();
      backoff.fail(); // a second failure while one retry is scheduled adds nothing
      waited.push(...clock.delays());
      clock.fire();
    }
    expect(waited).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(retries).toBe(8);

    backoff.reset();
    backoff.fail();
    expect(clock.delays()).toEqual([2000]);
    // Reset (a success, or stop) cancels the retry that was scheduled.
    backoff.reset();
    expect(clock.delays()).toEqual([]);
    expect(retries).toBe(8);
    expect(backoff.nextDelay()).toBe(2000);
  });

  it('spreads each delay over the upper half of its step', () => {
    const clock = manualTimers();
    const draws = [0, 0.5, 0.999];
    const backoff = createBackoff(() => {}, {
      baseMs: 2000,
      maxMs: 60_000,
      timers: clock.timers,
      jitter: () => draws.shift() ?? 0,
    });
    const waited: number[] = [];
    for (let i = 0; i < 3; i++) {
      backoff.fail();
      waited.push(...clock.delays());
      clock.fire();
    }
    expect(waited).toEqual([1000, 3000, 7996]);
  });
});
