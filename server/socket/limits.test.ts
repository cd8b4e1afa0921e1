import { describe, expect, it } from 'vitest';
import { createLimiter } from './limits';

/** A task the test finishes by hand, recording when it started. */
function tasks(started: string[]) {
  const finishers = new Map<string, () => void>();
  return {
    task: (name: string) => () =>
      new Promise<void>((resolve) => {
        started.push(name);
        finishers.set(name, resolve);
      }),
    /** Finishes `name`, then lets the limiter start whatever was waiting. */
    finish: async (name: string) => {
      finishers.get(name)?.();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe('sync limits', () => {
  it('runs a few handlers per socket, queues a few more in order and refuses the rest', async () => {
    const started: string[] = [];
    const { task, finish } = tasks(started);
    const limiter = createLimiter({ perSocket: 2, perUser: 10, queuedPerSocket: 2, pulls: 10 });
    const admitted = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => limiter.admit('s1', 'u1', task(name)));
    expect(admitted).toEqual([true, true, true, true, false, false]);
    expect(started).toEqual(['a', 'b']);
    await finish('a');
    expect(started).toEqual(['a', 'b', 'c']);
    // The queue has room again.
    expect(limiter.admit('s1', 'u1', task('g'))).toBe(true);
    await finish('b');
    await finish('c');
    expect(started).toEqual(['a', 'b', 'c', 'd', 'g']);
  });

  it("bounds a user's sockets together, takes their queues in turn, and leaves other users alone", async () => {
    const started: string[] = [];
    const { task, finish } = tasks(started);
    const limiter = createLimiter({ perSocket: 2, perUser: 3, queuedPerSocket: 5, pulls: 10 });
    for (const name of ['a1', 'a2', 'a3']) limiter.admit('sa', 'u1', task(name));
    for (const name of ['b1', 'b2']) limiter.admit('sb', 'u1', task(name));
    limiter.admit('other', 'u2', task('x1'));
    expect(started).toEqual(['a1', 'a2', 'b1', 'x1']);
    await finish('a1');
    // sa had a queued task first, so sb goes next time.
    expect(started.slice(4)).toEqual(['a3']);
    await finish('b1');
    expect(started.slice(5)).toEqual(['b2']);
  });

  it('drops what a gone socket still had queued', async () => {
    const started: string[] = [];
    const { task, finish } = tasks(started);
    const limiter = createLimiter({ perSocket: 1, perUser: 10, queuedPerSocket: 3, pulls: 10 });
    limiter.admit('s1', 'u1', task('a'));
    limiter.admit('s1', 'u1', task('b'));
    limiter.forget('s1');
    await finish('a');
    expect(started).toEqual(['a']);
  });

  it('runs a few pulls at once in the whole process, the rest first come first served', async () => {
    const limiter = createLimiter({ perSocket: 10, perUser: 10, queuedPerSocket: 10, pulls: 2 });
    const order: number[] = [];
    const release: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const pulls = [1, 2, 3, 4, 5].map((n) =>
      limiter.pull(async () => {
        running++;
        most = Math.max(most, running);
        order.push(n);
        await new Promise<void>((resolve) => release.push(resolve));
        running--;
        return n;
      }),
    );
    for (let i = 0; i < 5; i++) {
      for (let tick = 0; tick < 5; tick++) await Promise.resolve();
      release.shift()?.();
    }
    expect(await Promise.all(pulls)).toEqual([1, 2, 3, 4, 5]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });
});
