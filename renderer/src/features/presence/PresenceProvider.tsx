import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useSetPresence } from '../../api/presence';
import { useTransport } from '../../api/transport';
import { activityStatus, createPresencePublisher } from '../../lib/presence';
import type { PresencePublisher, PresenceTimers } from '../../lib/presence';
import { useUiStore } from '../../state/ui';

const PresenceContext = createContext<PresencePublisher | null>(null);

const browserTimers: PresenceTimers = {
  now: () => Date.now(),
  set: (run, ms) => window.setTimeout(run, ms),
  clear: (handle) => window.clearTimeout(handle as number),
};

/** How often the idle and background checks run. */
const CHECK_EVERY_MS = 15_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/**
 * Tells the team what this rep is doing: the conversation on screen, whether they are writing a
 * reply in it (see usePresenceTyping), and online or away (idle, or the window in the background).
 */
export function PresenceProvider({ children }: { children: ReactNode }) {
  const send = useSetPresence();
  const transport = useTransport();
  const viewing = useUiStore((state) => state.selectedConversationId);
  const [publisher, setPublisher] = useState<PresencePublisher | null>(null);

  useEffect(() => {
    const created = createPresencePublisher({ send, timers: browserTimers });
    // Online from the start, even before a conversation is opened.
    created.resend();
    setPublisher(created);
    return () => created.dispose();
  }, [send]);

  useEffect(() => {
    publisher?.setViewing(viewing);
  }, [publisher, viewing]);

  // The engine may have restarted or lost our state while out of reach: say it all again.
  useEffect(() => {
    if (!publisher) return;
    let connected = transport.link().state === 'connected';
    return transport.onLink((link) => {
      const now = link.state === 'connected';
      if (now && !connected) publisher.resend();
      connected = now;
    });
  }, [publisher, transport]);

  useEffect(() => {
    if (!publisher) return;
    let lastActivityAt = Date.now();
    const inactive = () => document.visibilityState === 'hidden' || !document.hasFocus();
    let inactiveSince: number | null = inactive() ? Date.now() : null;
    const check = () => publisher.setStatus(activityStatus({ now: Date.now(), lastActivityAt, inactiveSince }));
    const onActivity = () => {
      lastActivityAt = Date.now();
      if (publisher.current().status === 'away') check();
    };
    const onWindowChange = () => {
      if (!inactive()) {
        inactiveSince = null;
        lastActivityAt = Date.now();
      } else inactiveSince ??= Date.now();
      check();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });
    window.addEventListener('focus', onWindowChange);
    window.addEventListener('blur', onWindowChange);
    document.addEventListener('visibilitychange', onWindowChange);
    const interval = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
      window.removeEventListener('focus', onWindowChange);
      window.removeEventListener('blur', onWindowChange);
      document.removeEventListener('visibilitychange', onWindowChange);
      window.clearInterval(interval);
    };
  }, [publisher]);

  return <PresenceContext.Provider value={publisher}>{children}</PresenceContext.Provider>;
}

export type PresenceTyping = { typed: (conversationId: string) => void; stoppedTyping: () => void };

const NO_PRESENCE: PresenceTyping = { typed: () => {}, stoppedTyping: () => {} };

/** For the reply box: report keystrokes (throttled and timed out by the publisher). */
export function usePresenceTyping(): PresenceTyping {
  return useContext(PresenceContext) ?? NO_PRESENCE;
}
