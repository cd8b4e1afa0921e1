import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConversation } from '../../electron/services/db/conversations';
import type { Db } from '../../electron/services/db/open';
import type { ConversationSuggestions } from '../../shared/api';
import { figures } from './browser';
import { buildCache, parseSuggestions, pickConversations, suggestionCall } from './engine';
import { measureEngine } from './measure';
import { newestMessageAt, rawOpenReader } from './raw';
import { FULL_SIZE, isFullSize, resultsFile } from './report';

const SIZES = { conversations: 60, messages: 600 };

describe('suggestion bench, engine side on a tiny cache', () => {
  let dir: string;
  let db: Db;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-suggest-test-'));
    db = buildCache(join(dir, 'cache.db'), SIZES);
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('picks the same conversations every time, each with an inbound message and a customer with orders', () => {
    const picked = pickConversations(db, SIZES, 10);
    expect(picked).toHaveLength(10);
    expect(new Set(picked).size).toBe(10);
    expect(pickConversations(db, SIZES, 10)).toEqual(picked);
    for (const id of picked) {
      const detail = getConversation(db, id);
      expect(detail.messages.some((m) => m.direction === 'inbound')).toBe(true);
      expect(detail.orders.length).toBeGreaterThan(0);
    }
  });

  it('the raw read returns the conversation, messages, customer and orders the engine reads', () => {
    const raw = rawOpenReader(db);
    for (const id of pickConversations(db, SIZES, 10)) {
      const engine = getConversation(db, id);
      const read = raw(id);
      expect(read.conversation.id).toBe(engine.conversation.id);
      expect(read.messages.map((m) => m.id)).toEqual(engine.messages.map((m) => m.id));
      expect(read.customer?.id).toBe(engine.customer.id);
      expect(read.identities.map((i) => i.id)).toEqual(engine.customer.identities.map((i) => i.id));
      expect(read.orders.map((o) => o.id)).toEqual(engine.orders.map((o) => o.id));
      expect(read.orders.map((o) => JSON.parse(o.doc) as unknown)).toEqual(engine.orders);
    }
    expect(() => raw('nope')).toThrow(/not in the cache/);
  });

  it('the suggestion call answers the latest inbound message from the customer’s record, as the contract says', async () => {
    const suggest = suggestionCall(db, newestMessageAt(db) + 3_600_000);
    const raw = rawOpenReader(db);
    for (const id of pickConversations(db, SIZES, 10)) {
      const answer = parseSuggestions(await suggest(id));
      const latestInbound = raw(id)
        .messages.filter((m) => m.direction === 'inbound')
        .at(-1);
      expect(answer).toMatchObject({ conversationId: id, assist: 'off', phrasingNote: null });
      expect(answer.analysis?.messageId).toBe(latestInbound?.id);
      const orderIds = raw(id).orders.map((o) => o.id);
      if (answer.analysis?.order) expect(orderIds).toContain(answer.analysis.order.id);
    }
    await expect(suggest('nope')).rejects.toThrow(/not in your inbox/);
  });
});

describe('suggestion bench, interleaving', () => {
  it('warms up untimed, then times each conversation on both sides, alternating which goes first', async () => {
    const calls: string[] = [];
    const answer = (id: string, sendable: boolean): ConversationSuggestions => ({
      conversationId: id,
      analysis: null,
      suggestions: sendable
        ? [
            {
              rank: 1,
              playbook: 'p',
              text: 't',
              facts: [],
              sendable,
              problems: [],
              phrasedBy: 'caredesk',
              phrasingNote: null,
            },
          ]
        : [],
      assist: 'off',
      phrasingNote: null,
    });
    const figures = await measureEngine({
      conversationIds: ['a', 'b', 'c'],
      suggest: (id) => {
        calls.push(`s:${id}`);
        return Promise.resolve(answer(id, id !== 'c'));
      },
      raw: (id) => calls.push(`r:${id}`),
      runs: 4,
      warmup: 2,
    });
    // One suggestion each to count them, 2 untimed pairs, then 4 timed pairs.
    expect(calls).toEqual([
      's:a',
      's:b',
      's:c',
      's:a',
      'r:a',
      's:b',
      'r:b',
      's:a',
      'r:a',
      'r:b',
      's:b',
      's:c',
      'r:c',
      'r:a',
      's:a',
    ]);
    expect(figures).toMatchObject({ conversations: 3, runs: 4, withSuggestions: 2, withSendable: 2 });
    expect(figures.suggestion.runs).toBe(4);
    expect(figures.raw.runs).toBe(4);
    expect(figures.ratio.p50).toBeCloseTo(figures.suggestion.p50 / figures.raw.p50);
  });
});

describe('suggestion bench, Chromium figures', () => {
  it('leaves a conversation without a suggestion out of both sides, and compares the rest pair by pair', () => {
    const result = figures(
      [
        { conversationId: 'a', messagesMs: 80, suggestionMs: 100 },
        { conversationId: 'b', messagesMs: 5, suggestionMs: null },
        { conversationId: 'c', messagesMs: 90, suggestionMs: 130 },
      ],
      ['b'],
      1,
      3,
    );
    expect(result).toMatchObject({ conversations: 3, withoutSuggestion: ['b'], withoutInbound: 1, warmup: 3 });
    expect(result.messages).toMatchObject({ runs: 2, p50: 80, p95: 90 });
    expect(result.suggestion).toMatchObject({ runs: 2, p50: 100, p95: 130 });
    expect(result.difference).toEqual({ p50: 20, p95: 40 });
    expect(result.ratio).toEqual({ p50: 100 / 80, p95: 130 / 90 });
    expect(result.gap).toMatchObject({ p50: 20, p95: 40 });
  });
});

describe('suggestion bench results', () => {
  it('a full-size run writes the committed file; a smaller one, or one without the browser, never does', () => {
    expect(isFullSize(FULL_SIZE)).toBe(true);
    expect(resultsFile(FULL_SIZE)).toMatch(/bench\/results\/suggest\.json$/);
    expect(isFullSize({ ...FULL_SIZE, browserRuns: 0 })).toBe(false);
    expect(isFullSize({ ...FULL_SIZE, runs: 500 })).toBe(false);
    expect(resultsFile({ ...FULL_SIZE, cacheConversations: 1_000 })).toMatch(/bench\/results\/suggest-smoke\.json$/);
  });
});

// The in-page probe on a page whose "app" answers j at known delays (Debian's Chromium, as the e2e tests use:
// without it this fails, as they do).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
describe('suggestion bench, the in-page probe', () => {
  it('times the keypress to the opened conversation’s messages and to its first suggestion', async () => {
    const { chromium } = await import('@playwright/test');
    const { allowNamedFunctions, armProbe, probeResult } = await import('./page-probe');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await allowNamedFunctions(page);
      await page.setContent(`
        <section data-testid="conversation-pane" data-conversation-id="c0"><div data-testid="message" data-direction="inbound"></div></section>
        <script>
          const pane = document.querySelector('[data-testid="conversation-pane"]');
          let next = 1;
          window.addEventListener('keydown', () => {
            const id = 'c' + next++;
            pane.innerHTML = '';
            pane.setAttribute('data-conversation-id', id);
            const inbound = id === 'c1';
            setTimeout(() => (pane.innerHTML = '<div data-testid="message" data-direction="' + (inbound ? 'inbound' : 'outbound') + '"></div>'), 60);
            if (inbound) setTimeout(() => pane.insertAdjacentHTML('beforeend', '<div data-testid="suggestions"><button>Suggestion 1</button></div>'), 160);
          });
        </script>`);
      await armProbe(page, { openMs: 5_000, suggestionMs: 1_000 });
      await page.keyboard.press('j');
      const first = await probeResult(page);
      expect(first).toMatchObject({ conversationId: 'c1', inbound: true });
      const messages = (first.messagesOnScreenAt ?? 0) - (first.keyAt ?? 0);
      const suggestion = (first.suggestionOnScreenAt ?? 0) - (first.keyAt ?? 0);
      // The probe never stops before the page changed; how long after depends on the machine's load,
      // so the upper bound only tells milliseconds from seconds.
      expect(messages).toBeGreaterThanOrEqual(60);
      expect(suggestion).toBeGreaterThanOrEqual(160);
      expect(suggestion).toBeGreaterThan(messages);
      expect(suggestion).toBeLessThan(5_000);
      expect(first.messagesAt).toBeLessThanOrEqual(first.messagesOnScreenAt ?? 0);

      // A conversation with no customer message: its messages are timed, no suggestion is waited for.
      await armProbe(page, { openMs: 5_000, suggestionMs: 1_000 });
      await page.keyboard.press('j');
      expect(await probeResult(page)).toMatchObject({
        conversationId: 'c2',
        inbound: false,
        suggestionAt: null,
        suggestionOnScreenAt: null,
      });
    } finally {
      await browser.close();
    }
  }, 30_000);
});
