// The Chromium side of the suggestion bench: the browser host with its embedded demo server (as the
// e2e tests start it), a rep signed in, and `j` pressed down the inbox, each keypress timed in the page
// to the opened conversation's messages and to its first suggestion on screen (bench/README.md).
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startWebApp } from '../../e2e/fixtures/web-app';
import { AppPage } from '../../e2e/pages/app-page';
import { summarize } from '../stats';
import type { Summary } from '../stats';
import { allowNamedFunctions, armProbe, probeResult } from './page-probe';
import type { ProbeResult } from './page-probe';

export const REP = { email: 'rep01@northwind.example', password: 'caredesk-demo' };
/** Debian's Chromium, as the e2e tests use it (playwright.config.ts). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const DEADLINES = { openMs: 15_000, suggestionMs: 5_000 };

export interface BrowserSample {
  conversationId: string;
  messagesMs: number;
  /** Null: the conversation showed no suggestion within 5 s of its messages. */
  suggestionMs: number | null;
}

export interface BrowserFigures {
  /** Conversations with an inbound message opened by a timed keypress. */
  conversations: number;
  warmup: number;
  /** Opened too, but with no inbound message on screen (nothing to suggest): not counted in `conversations`. */
  withoutInbound: number;
  /** Of `conversations`, those that showed no suggestion: left out of both sides. */
  withoutSuggestion: string[];
  /** Key → the conversation's messages on screen, and key → its first suggestion on screen, on the same conversations. */
  messages: Summary;
  suggestion: Summary;
  /** Suggestion − messages, and suggestion ÷ messages, at each percentile; and per conversation. */
  difference: { p50: number; p95: number };
  ratio: { p50: number; p95: number };
  gap: Summary;
  samples: BrowserSample[];
}

async function press(page: Page): Promise<ProbeResult> {
  await armProbe(page, DEADLINES);
  await page.keyboard.press('j');
  return probeResult(page);
}

/**
 * Signs in, waits for the first sync to settle, opens `warmup` conversations untimed, then presses `j`
 * until `count` conversations with an inbound message have been opened (or the list ends), waiting
 * `settleMs` after each so that the engine's work for the last one is done before the next key.
 */
export async function measureBrowser(
  options: { count: number; warmup: number; settleMs: number },
  log: (text: string) => void = () => undefined,
): Promise<BrowserFigures> {
  log('Starting the browser host with its demo server…');
  const app = await startWebApp();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await allowNamedFunctions(page);
    await page.goto(app.url);
    await new AppPage(page).signIn(REP.email, REP.password);
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('inbox-row').first().waitFor();
    // The first sync's follow-up work (triage of the new conversations) settles before anything is timed.
    await page.waitForTimeout(5_000);
    // Out of every text field, so `j` reaches the inbox.
    await page.evaluate(() =>
      (
        globalThis as unknown as { document: { activeElement: { blur?(): void } | null } }
      ).document.activeElement?.blur?.(),
    );

    const samples: BrowserSample[] = [];
    const withoutSuggestion: string[] = [];
    let withoutInbound = 0;
    let warm = 0;
    let opened = 0;
    while (opened < options.count) {
      const result = await press(page);
      if (result.conversationId === null || result.keyAt === null) {
        log(`  the key opened no further conversation after ${opened}: the list ended`);
        break;
      }
      if (warm < options.warmup) warm++;
      // No message on screen within the deadline counts as no inbound one: nothing to suggest either way.
      else if (!result.inbound || result.messagesOnScreenAt === null) withoutInbound++;
      else {
        opened++;
        const suggestionMs = result.suggestionOnScreenAt === null ? null : result.suggestionOnScreenAt - result.keyAt;
        if (suggestionMs !== null) await checkVisible(page, result.conversationId);
        else withoutSuggestion.push(result.conversationId);
        samples.push({
          conversationId: result.conversationId,
          messagesMs: result.messagesOnScreenAt - result.keyAt,
          suggestionMs,
        });
      }
      await page.waitForTimeout(options.settleMs);
    }
    await context.close();
    return figures(samples, withoutSuggestion, withoutInbound, options.warmup);
  } catch (error) {
    log(app.output.slice(-20).join('\n'));
    throw error;
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** A suggestion the page held must also be one the rep can see (checked after the timing, not timed). */
async function checkVisible(page: Page, conversationId: string): Promise<void> {
  const pane = page.locator(`[data-testid="conversation-pane"][data-conversation-id="${conversationId}"]`);
  const first = pane.getByTestId('suggestions').getByRole('button', { name: /^Suggestion 1\b/ });
  if (!(await first.isVisible())) throw new Error(`conversation ${conversationId}: its suggestion is not visible`);
}

export function figures(
  samples: readonly BrowserSample[],
  withoutSuggestion: string[],
  withoutInbound: number,
  warmup: number,
): BrowserFigures {
  const timed = samples.filter((s): s is BrowserSample & { suggestionMs: number } => s.suggestionMs !== null);
  const messages = summarize(timed.map((s) => s.messagesMs));
  const suggestion = summarize(timed.map((s) => s.suggestionMs));
  return {
    conversations: samples.length,
    warmup,
    withoutInbound,
    withoutSuggestion,
    messages,
    suggestion,
    difference: { p50: suggestion.p50 - messages.p50, p95: suggestion.p95 - messages.p95 },
    ratio: { p50: suggestion.p50 / messages.p50, p95: suggestion.p95 / messages.p95 },
    gap: summarize(timed.map((s) => s.suggestionMs - s.messagesMs)),
    samples: [...samples],
  };
}
