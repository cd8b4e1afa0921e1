import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OwnPresence } from './presence';
import {
  AWAY_WHEN_IDLE_MS,
  AWAY_WHEN_INACTIVE_MS,
  TYPING_IDLE_MS,
  activityStatus,
  createPresencePublisher,
} from './presence';

function setup(send: (state: OwnPresence) => Promise<unknown> = () => Promise.resolve({})) {
  const calls: OwnPresence[] = [];
  const publisher = createPresencePublisher({
    send: (state) => {
      calls.push(state);
      return send(state);
    },
    timers: {
      now: () => Date.now(),
      set: (run, ms) => setTimeout(run, ms),
      clear: (handle) => clearTimeout(handle as number),
    },
  });
  return { publisher, calls };
}

describe('createPresencePublisher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('sends the first change at once and nothing while the state is unchanged', () => {
    const { publisher, calls } = setup();
    publisher.setViewing('c1');
    expect(calls).toEqual([{ status: 'online', viewing: 'c1', typing: false }]);
    publisher.setViewing('c1');
    publisher.setStatus('online');
    vi.advanceTimersByTime(5_000);
    expect(calls).toHaveLength(1);
  });

  it('sends at most one call per second, the last state of a burst', () => {
    const { publisher, calls } = setup();
    publisher.setViewing('c1');
    publisher.setViewing('c2');
    publisher.setViewing('c3');
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.viewing)).toEqual(['c1', 'c3']);
  });

  it('turns typing on with the first keystroke and off 3 s after the last', () => {
    const { publisher, calls } = setup();
    publisher.setViewing('c1');
    vi.advanceTimersByTime(1_000);
    for (let i = 0; i < 20; i += 1) {
      publisher.typed('c1');
      vi.advanceTimersByTime(100);
    }
    expect(calls.map((c) => c.typing)).toEqual([false, true]);
    vi.advanceTimersByTime(TYPING_IDLE_MS - 100);
    expect(calls.map((c) => c.typing)).toEqual([false, true, false]);
  });

  it('stops typing on send, on switching conversations and when away', () => {
    const { publisher } = setup();
    publisher.setViewing('c1');
    publisher.typed('c1');
    publisher.stoppedTyping();
    expect(publisher.current().typing).toBe(false);
    publisher.typed('c1');
    publisher.setViewing('c2');
    expect(publisher.current()).toEqual({ status: 'online', viewing: 'c2', typing: false });
    publisher.typed('c2');
    publisher.setStatus('away');
    expect(publisher.current()).toEqual({ status: 'away', viewing: 'c2', typing: false });
  });

  it('ignores keystrokes for a conversation that is not on screen', () => {
    const { publisher } = setup();
    publisher.setViewing('c1');
    publisher.typed('c2');
    expect(publisher.current().typing).toBe(false);
  });

  it('sends again after a failed call and on resend()', async () => {
    let fail = true;
    const { publisher, calls } = setup(() => (fail ? Promise.reject(new Error('gone')) : Promise.resolve({})));
    publisher.setViewing('c1');
    await vi.advanceTimersByTimeAsync(0);
    fail = false;
    publisher.resend();
    vi.advanceTimersByTime(1_000);
    expect(calls).toHaveLength(2);
    publisher.resend();
    vi.advanceTimersByTime(1_000);
    expect(calls).toHaveLength(3);
  });

  it('sends nothing after dispose', () => {
    const { publisher, calls } = setup();
    publisher.setViewing('c1');
    publisher.setViewing('c2');
    publisher.dispose();
    vi.advanceTimersByTime(5_000);
    expect(calls).toHaveLength(1);
  });
});

describe('activityStatus', () => {
  const now = 10_000_000;
  it('is online while in use, away after 5 minutes idle', () => {
    expect(activityStatus({ now, lastActivityAt: now - 1_000, inactiveSince: null })).toBe('online');
    expect(activityStatus({ now, lastActivityAt: now - AWAY_WHEN_IDLE_MS, inactiveSince: null })).toBe('away');
  });

  it('is away once the window has been hidden or unfocused for a while', () => {
    expect(activityStatus({ now, lastActivityAt: now - 1_000, inactiveSince: now - 10_000 })).toBe('online');
    expect(activityStatus({ now, lastActivityAt: now - 1_000, inactiveSince: now - AWAY_WHEN_INACTIVE_MS })).toBe(
      'away',
    );
  });
});
