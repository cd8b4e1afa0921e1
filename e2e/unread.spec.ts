import { expect, test } from '@playwright/test';
import { sendInbound, serverSignIn } from './fixtures/server-client';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { RepPage } from './pages/rep-page';

const REP = { email: 'rep01@northwind.example', password: 'caredesk-demo' };
const ADMIN = { email: 'admin@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

test('a new inbound message makes its row unread and counts in the title; opening it clears both', async ({ page }) => {
  await page.goto(app.url);
  const rep = new RepPage(page);
  await rep.signIn(REP.email, REP.password);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  await expect(rep.inboxRows.first()).toBeVisible();
  await rep.showAllNewestFirst();
  // What was in the inbox before this rep first signed in here counts as read.
  await expect(page).toHaveTitle('Caredesk');

  const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
  const from = `+1 (628) 555-${String(1000 + (Date.now() % 9000)).padStart(4, '0')}`;
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'sms',
    from,
    body: `Where is my order? (${Date.now()})`,
    name: 'Robin Vale',
  });

  const row = rep.row(conversationId);
  await expect(row).toHaveAttribute('data-unread', 'true');
  await expect(row).toHaveAttribute('aria-label', /^unread, /);
  await expect(row.getByTestId('row-unread')).toBeVisible();
  await expect(page).toHaveTitle('(1) Caredesk');

  await rep.openConversation(conversationId);
  await expect(row).toHaveAttribute('data-unread', 'false');
  await expect(row).not.toHaveAttribute('aria-label', /unread/);
  await expect(page).toHaveTitle('Caredesk');

  // Read stays read after a reload (kept in the engine's cache) ...
  await page.reload();
  await rep.showAllNewestFirst();
  await expect(row).toHaveAttribute('data-unread', 'false');
  await expect(page).toHaveTitle('Caredesk');

  // ... until the customer writes again while the rep is elsewhere.
  const other = page.locator(`[data-testid="inbox-row"]:not([data-conversation-id="${conversationId}"])`).first();
  await other.click();
  await sendInbound(app.serverUrl, token, { channel: 'sms', from, body: `Any news? (${Date.now()})` });
  await expect(row).toHaveAttribute('data-unread', 'true');
  await expect(page).toHaveTitle('(1) Caredesk');
});
