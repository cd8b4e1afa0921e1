// Runs in Chromium: times one keypress in the page itself, on the page's clock, from the keydown to
// the opened conversation's messages and to its first suggestion, each "on screen" at the first task
// after the next frame following the DOM change (polling from Node would add its own round trips).
import type { Page } from '@playwright/test';

export interface ProbeResult {
  /** The conversation the key opened; null if the pane did not change (end of the list) before the deadline. */
  conversationId: string | null;
  /** performance.now() at the keydown (a window listener in the capture phase, before the app's own). */
  keyAt: number | null;
  /** When the DOM first held that conversation's messages, and when they were on screen. */
  messagesAt: number | null;
  messagesOnScreenAt: number | null;
  /** Whether one of the messages is the customer's: only then can a suggestion come. */
  inbound: boolean;
  /** When the DOM first held a suggestion button for it, and when it was on screen; null: none came. */
  suggestionAt: number | null;
  suggestionOnScreenAt: number | null;
}

// The node project has no DOM types: the few used here are named.
interface Element {
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  document: { body: unknown; querySelector(selector: string): Element | null };
  performance: { now(): number };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  addEventListener(type: 'keydown', listener: () => void, options: { capture: boolean }): void;
  removeEventListener(type: 'keydown', listener: () => void, options: { capture: boolean }): void;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(value: null): void } };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean; attributes: boolean }): void;
    disconnect(): void;
  };
  caredeskProbe?: Promise<ProbeResult>;
}

/**
 * tsx (esbuild's keepNames) wraps named functions in `__name(…)`, which the page does not have: a
 * pass-through for every page of `page`'s context, before the app loads.
 */
export async function allowNamedFunctions(page: Page): Promise<void> {
  await page.context().addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
}

/** Arms the probe for the next keypress; `result` then waits for what it measured. */
export async function armProbe(page: Page, deadlines: { openMs: number; suggestionMs: number }): Promise<void> {
  await page.evaluate(({ openMs, suggestionMs }) => {
    const w = globalThis as unknown as PageGlobals;
    const PANE = '[data-testid="conversation-pane"]';
    const before = w.document.querySelector(PANE)?.getAttribute('data-conversation-id') ?? null;
    const result: ProbeResult = {
      conversationId: null,
      keyAt: null,
      messagesAt: null,
      messagesOnScreenAt: null,
      inbound: false,
      suggestionAt: null,
      suggestionOnScreenAt: null,
    };
    w.caredeskProbe = new Promise<ProbeResult>((resolve) => {
      let done = false;
      let suggestionTimer = 0;
      const options = { capture: true };
      const finish = () => {
        if (done) return;
        done = true;
        observer.disconnect();
        w.clearTimeout(openTimer);
        w.clearTimeout(suggestionTimer);
        w.removeEventListener('keydown', onKey, options);
        resolve(result);
      };
      const complete = () => {
        if (result.messagesOnScreenAt === null) return;
        if (!result.inbound || result.suggestionOnScreenAt !== null) finish();
      };
      // The first task after the next frame: the frame that shows the change has been produced.
      const onScreen = (set: (at: number) => void) =>
        w.requestAnimationFrame(() => {
          const channel = new w.MessageChannel();
          channel.port1.onmessage = () => {
            set(w.performance.now());
            complete();
          };
          channel.port2.postMessage(null);
        });
      const check = () => {
        if (result.keyAt === null || done) return;
        const id = w.document.querySelector(PANE)?.getAttribute('data-conversation-id') ?? null;
        if (id === null || id === before) return;
        if (result.conversationId === null) result.conversationId = id;
        if (id !== result.conversationId) return finish();
        const scope = `${PANE}[data-conversation-id="${id}"]`;
        const now = w.performance.now();
        if (result.messagesAt === null && w.document.querySelector(`${scope} [data-testid="message"]`)) {
          result.messagesAt = now;
          result.inbound =
            w.document.querySelector(`${scope} [data-testid="message"][data-direction="inbound"]`) !== null;
          if (result.inbound) suggestionTimer = w.setTimeout(finish, suggestionMs);
          onScreen((at) => (result.messagesOnScreenAt = at));
        }
        if (
          result.inbound &&
          result.suggestionAt === null &&
          w.document.querySelector(`${scope} [data-testid="suggestions"] button`)
        ) {
          result.suggestionAt = now;
          onScreen((at) => (result.suggestionOnScreenAt = at));
        }
      };
      const onKey = () => {
        if (result.keyAt !== null) return;
        result.keyAt = w.performance.now();
        check();
      };
      const observer = new w.MutationObserver(check);
      observer.observe(w.document.body, { childList: true, subtree: true, attributes: true });
      w.addEventListener('keydown', onKey, options);
      const openTimer = w.setTimeout(finish, openMs);
    });
  }, deadlines);
}

/** What the armed probe measured, once it has (or its deadline passed). */
export async function probeResult(page: Page): Promise<ProbeResult> {
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).caredeskProbe);
  if (!result) throw new Error('the probe was not armed');
  return result;
}
