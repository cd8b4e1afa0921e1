import { describe, expect, it } from 'vitest';
import { probeEvery } from './probe';
import type { ProbeClock } from './probe';

/** A clock the test moves: `block` is the event loop busy (no timer fires), `fire` runs what is due. */
function manualClock() {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  const clock: ProbeClock = {
    now: () => now,
    after: (ms, run) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
  };
  return {
    clock,
    block: (ms: number) => {
      now += ms;
    },
    fire: () => {
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const timer of due) timer.run();
    },
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('inbox probe during catch-up', () => {
  it('times each request from when it was due, so time blocked behind the catch-up counts', async () => {
    const { clock, block, fire } = manualClock();
    const probe = probeEvery(20, () => Promise.resolve(), clock);
    await settle();
    // The event loop is busy for 95 ms: the requests due at 20, 40, 60 and 80 go out at 95.
    block(95);
    fire();
    await settle();
    block(5);
    fire();
    await settle();
    expect(await probe.stop()).toEqual([0, 75, 55, 35, 15, 0]);
  });

  it('waits for the requests in flight when stopped, and reports one that failed', async () => {
    const { clock } = manualClock();
    let answer: () => void = () => {};
    const slow = probeEvery(20, () => new Promise<void>((resolve) => (answer = resolve)), clock);
    const stopped = slow.stop();
    answer();
    expect(await stopped).toEqual([0]);

    const failing = probeEvery(20, () => Promise.reject(new Error('no inbox')), clock);
    await expect(failing.stop()).rejects.toThrow('no inbox');
  });
});
