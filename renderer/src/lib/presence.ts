/** What this rep tells the team through `presence:set`. */
export type OwnPresence = { status: 'online' | 'away'; viewing: string | null; typing: boolean };

export type PresenceTimers = {
  now: () => number;
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
};

/** At most one `presence:set` per this many ms: typing must not become a call per keystroke. */
export const PRESENCE_MIN_INTERVAL_MS = 1_000;
/** "Typing" ends this long after the last keystroke. */
export const TYPING_IDLE_MS = 3_000;

type Options = {
  send: (state: OwnPresence) => Promise<unknown>;
  timers: PresenceTimers;
  minIntervalMs?: number;
  typingIdleMs?: number;
};

export interface PresencePublisher {
  /** The conversation on screen changed (null: none). Typing stops with it. */
  setViewing(conversationId: string | null): void;
  setStatus(status: OwnPresence['status']): void;
  /** A keystroke in the reply box of `conversationId`. */
  typed(conversationId: string): void;
  /** The reply was sent or the box emptied. */
  stoppedTyping(): void;
  /** Send the current state again even if unchanged (the engine reconnected). */
  resend(): void;
  current(): OwnPresence;
  dispose(): void;
}

function same(a: OwnPresence, b: OwnPresence | null): boolean {
  return b !== null && a.status === b.status && a.viewing === b.viewing && a.typing === b.typing;
}

/**
 * Keeps the engine told of this rep's presence with as few calls as it can: only changes are sent,
 * at most one per `minIntervalMs`, and a burst of changes inside that window sends just its last state.
 */
export function createPresencePublisher({
  send,
  timers,
  minIntervalMs = PRESENCE_MIN_INTERVAL_MS,
  typingIdleMs = TYPING_IDLE_MS,
}: Options): PresencePublisher {
  let wanted: OwnPresence = { status: 'online', viewing: null, typing: false };
  let sent: OwnPresence | null = null;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let flushTimer: unknown = null;
  let typingTimer: unknown = null;
  let disposed = false;

  const flush = () => {
    flushTimer = null;
    if (disposed || same(wanted, sent)) return;
    const state = wanted;
    sent = state;
    lastSentAt = timers.now();
    // A failed call (engine busy or gone) is sent again with the next change or on resend().
    send(state).catch(() => {
      if (sent === state) sent = null;
    });
  };

  const schedule = () => {
    if (disposed || same(wanted, sent) || flushTimer !== null) return;
    const wait = lastSentAt + minIntervalMs - timers.now();
    if (wait <= 0) flush();
    else flushTimer = timers.set(flush, wait);
  };

  const clearTyping = () => {
    if (typingTimer !== null) timers.clear(typingTimer);
    typingTimer = null;
  };

  const update = (patch: Partial<OwnPresence>) => {
    wanted = { ...wanted, ...patch };
    schedule();
  };

  return {
    setViewing(conversationId) {
      if (conversationId === wanted.viewing) return;
      clearTyping();
      update({ viewing: conversationId, typing: false });
    },
    setStatus(status) {
      if (status === 'away') clearTyping();
      update(status === 'away' ? { status, typing: false } : { status });
    },
    typed(conversationId) {
      if (conversationId !== wanted.viewing) return;
      clearTyping();
      typingTimer = timers.set(() => {
        typingTimer = null;
        update({ typing: false });
      }, typingIdleMs);
      if (!wanted.typing || wanted.status !== 'online') update({ typing: true, status: 'online' });
    },
    stoppedTyping() {
      clearTyping();
      update({ typing: false });
    },
    resend() {
      sent = null;
      schedule();
    },
    current: () => wanted,
    dispose() {
      disposed = true;
      clearTyping();
      if (flushTimer !== null) timers.clear(flushTimer);
      flushTimer = null;
    },
  };
}

/** Idle this long (no key, pointer or wheel) and the rep shows as away. */
export const AWAY_WHEN_IDLE_MS = 5 * 60_000;
/** With the window hidden or in the background this long, the rep shows as away. */
export const AWAY_WHEN_INACTIVE_MS = 2 * 60_000;

/**
 * Online or away from what the window saw: the last input, and since when the window has been
 * hidden or unfocused (null while it is visible and focused).
 */
export function activityStatus(input: {
  now: number;
  lastActivityAt: number;
  inactiveSince: number | null;
}): OwnPresence['status'] {
  if (input.now - input.lastActivityAt >= AWAY_WHEN_IDLE_MS) return 'away';
  if (input.inactiveSince !== null && input.now - input.inactiveSince >= AWAY_WHEN_INACTIVE_MS) return 'away';
  return 'online';
}
