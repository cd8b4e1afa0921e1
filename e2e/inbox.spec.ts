import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { sendInbound, serverMessages, serverSignIn } from './fixtures/server-client';
import { AppPage } from './pages/app-page';
import { RepPage } from './pages/rep-page';

const REP = { email: 'rep01@northwind.example', password: 'caredesk-demo' };
const ADMIN = { email: 'admin@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

// One app for the file: the tests follow one rep's session (refused sign-in, then work, then live updates).
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

test('a wrong password is refused with a clear message and the form stays usable', async ({ page }) => {
  await page.goto(app.url);
  const ui = new AppPage(page);
  await ui.signIn(REP.email, 'not-the-password');
  await expect(page.getByTestId('signin-error')).toContainText('Wrong email or password');
  await expect(page.getByTestId('signin-email')).toHaveValue(REP.email);
});

test('a rep signs in, works a conversation with the order in view, and the reply reaches the server', async ({
  page,
}) => {
  await page.goto(app.url);
  const ui = new AppPage(page);
  await ui.signIn(REP.email, REP.password);

  await expect(page.getByTestId('inbox-list')).toBeVisible();
  await expect(ui.inboxRows.first()).toBeVisible();
  await expect.poll(() => ui.inboxTotal()).toBeGreaterThanOrEqual(200);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');

  const first = ui.inboxRows.first();
  const conversationId = (await first.getAttribute('data-conversation-id')) ?? '';
  expect(conversationId).not.toBe('');
  await ui.openConversation(conversationId);

  await expect(ui.conversation.getByTestId('message').first()).toBeVisible();
  await expect(ui.customer.getByTestId('order').first()).toBeVisible();
  await expect(ui.customer.getByTestId('tracking-link').first()).toHaveAttribute('href', /^https:\/\//);
  await page.screenshot({ path: 'test-results/inbox.png' });

  const text = `Thanks for your patience, checking this now (${Date.now()})`;
  await ui.reply(text);
  const sent = ui.conversation.locator('[data-testid="message"][data-direction="outbound"]', { hasText: text });
  await expect(sent).toBeVisible();
  await expect(sent).toHaveAttribute('data-status', 'sent');
  await expect(ui.composer).toHaveValue('');

  const { token } = await serverSignIn(app.serverUrl, REP.email, REP.password);
  const stored = (await serverMessages(app.serverUrl, token, conversationId)).filter((m) => m.body === text);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ direction: 'outbound', status: 'sent' });
});

test('the session survives a reload, and a new inbound message appears live in the inbox', async ({ page }) => {
  await page.goto(app.url);
  const ui = new AppPage(page);
  await expect(ui.inboxRows.first()).toBeVisible();
  await expect(page.getByTestId('signin-email')).toHaveCount(0);
  await ui.showAllNewestFirst();

  const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
  const body = `Hi, is my parcel coming today? (${Date.now()})`;
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'sms',
    from: '+1 (415) 555-0199',
    body,
    name: 'Jamie Fox',
  });

  const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${conversationId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(body.slice(0, 20));
});

test('the keyboard alone finds a message by a word prefix and opens its conversation', async ({ page }) => {
  await page.goto(app.url);
  const ui = new AppPage(page);
  await expect(ui.inboxRows.first()).toBeVisible();

  // j opens the next conversation (the highlighted row is the open one); Enter moves into its thread.
  await page.locator('body').press('j');
  await page.locator('body').press('j');
  await page.keyboard.press('Enter');
  await expect(ui.conversation).toBeVisible();
  const selected = page.locator('[data-testid="inbox-row"][aria-selected="true"]');
  await expect(selected).toHaveCount(1);

  // "/" focuses search; a prefix of a word finds messages containing the whole word.
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type('tracki');
  const hit = page.getByTestId('search-hit').first();
  await expect(hit).toContainText(/tracking/i);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(
    ui.conversation
      .getByTestId('message')
      .filter({ hasText: /tracking/i })
      .first(),
  ).toBeVisible();
});

test('a half-written reply and note survive a reload; a sent reply leaves no draft behind', async ({ page }) => {
  await page.goto(app.url);
  const ui = new RepPage(page);
  await expect(ui.inboxRows.first()).toBeVisible();
  const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'sms',
    from: '+1 (415) 555-0121',
    body: `Did you get my photos? (${Date.now()})`,
    name: 'Robin Vale',
  });
  await ui.showAllNewestFirst();
  await ui.openConversation(conversationId);

  const reply = `Thanks Robin, the photos arrived and a replacement is (${Date.now()})`;
  const note = `Second damaged parcel this month (${Date.now()})`;
  await ui.composer.fill(reply);
  await ui.shortcut('n');
  await expect(ui.noteInput).toBeFocused();
  await ui.noteInput.fill(note);
  // The drafts are in the engine's cache once the typing settles.
  await expect.poll(() => draftsOf(conversationId).sort()).toEqual([note, reply].sort());

  await page.reload();
  await ui.showAllNewestFirst();
  await ui.openConversation(conversationId);
  await expect(ui.composer).toHaveValue(reply);
  await ui.shortcut('n');
  await expect(ui.noteInput).toHaveValue(note);

  // Sent: the reply's draft is gone, here and after another reload; the note's stays.
  await ui.shortcut('r');
  await page.getByTestId('composer-send').click();
  await expect(ui.messages.filter({ hasText: reply })).toHaveCount(1);
  await expect(ui.composer).toHaveValue('');
  await expect.poll(() => draftsOf(conversationId)).toEqual([note]);
  await page.reload();
  await ui.showAllNewestFirst();
  await ui.openConversation(conversationId);
  await expect(ui.composer).toHaveValue('');

  /** What the engine's cache keeps for the conversation (read-only, beside the running app). */
  function draftsOf(id: string): string[] {
    const cache = new Database(join(app.dataDir, 'web', 'cache.db'), { readonly: true, fileMustExist: true });
    try {
      return cache.prepare('SELECT body FROM drafts WHERE conversation_id = ?').pluck().all(id) as string[];
    } finally {
      cache.close();
    }
  }
});
