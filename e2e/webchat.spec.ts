import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { Browser, FrameLocator, Page } from '@playwright/test';
import { ChannelAccountRoutes } from '../shared/sync/channel-accounts';
import { startCentralServer, startWebApp } from './fixtures/web-app';
import type { CentralServer, WebApp } from './fixtures/web-app';
import { serverSignIn } from './fixtures/server-client';
import { AppPage, signedInWindow } from './pages/app-page';

const PASSWORD = 'caredesk-demo';
const REP = 'rep01@northwind.example';
const WIDGET = 'northwind-shop';
let central: CentralServer;
let app: WebApp;
let shopSite: Server;
let shopUrl: string;

/** A shop's site on its own origin: each page carries the embed script for the widget its path names. */
function startShopSite(): Promise<string> {
  shopSite = createServer((req, res) => {
    const widget = decodeURIComponent((req.url ?? '/').slice(1)) || WIDGET;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Northwind Shop</title></head><body><h1>Northwind Shop</h1>
      <script src="${central.url}/webchat.js" data-widget="${widget}" async></script></body></html>`);
  });
  return new Promise((resolve) =>
    shopSite.listen(0, '127.0.0.1', () => resolve(`http://localhost:${(shopSite.address() as AddressInfo).port}/`)),
  );
}

/** A shopper on the shop's page (its own origin), and the chat window inside it. */
async function openShop(browser: Browser, widget = WIDGET): Promise<{ shop: Page; chat: FrameLocator }> {
  const shop = await (await browser.newContext()).newPage();
  await shop.goto(shopUrl + encodeURIComponent(widget));
  return { shop, chat: shop.frameLocator('iframe[data-caredesk="frame"]') };
}

test.beforeAll(async () => {
  central = await startCentralServer();
  app = await startWebApp({ server: central.url });
  shopUrl = await startShopSite();
  // An admin sets the widget up as a web-chat account answered by the rep's team.
  const admin = await serverSignIn(central.url, 'admin@northwind.example', PASSWORD);
  const rep = await serverSignIn(central.url, REP, PASSWORD);
  const created = await fetch(new URL(ChannelAccountRoutes.list, central.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
    body: JSON.stringify({
      channel: 'webchat',
      account: WIDGET,
      displayName: 'Northwind',
      teamId: rep.user.teamIds[0],
    }),
  });
  expect(created.status).toBe(201);
});

test.afterAll(async () => {
  shopSite?.close();
  await app?.stop();
  await central?.stop();
  central?.remove();
});

test('a shopper writes from the shop’s chat button, the rep answers in the inbox, and the shopper reads it there and on the next visit', async ({
  browser,
}) => {
  const question = `Where is my order? (${Date.now()})`;
  const { shop, chat } = await openShop(browser);
  const launcher = shop.locator('button[data-caredesk="launcher"]');
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  await launcher.click();
  await expect(launcher).toHaveAttribute('aria-expanded', 'true');
  await expect(chat.getByRole('heading', { name: 'Northwind' })).toBeVisible();
  await expect(chat.getByText('Ask us anything')).toBeVisible();
  await chat.getByLabel('Your name (optional)').fill('Maria Garcia');
  // A malformed email is caught in the window, and the message stays in the box.
  await chat.getByLabel(/Your email/).fill('maria at example');
  await chat.getByLabel('Message', { exact: true }).fill(question);
  await chat.getByLabel('Message', { exact: true }).press('Enter');
  await expect(chat.getByRole('alert')).toHaveText('That email address does not look right.');
  await expect(chat.getByLabel('Message', { exact: true })).toHaveValue(question);
  await chat.getByLabel(/Your email/).fill('maria.garcia@example.com');
  // Enter sends, and the message says so once the server has it.
  await chat.getByLabel('Message', { exact: true }).fill(question);
  await chat.getByLabel('Message', { exact: true }).press('Enter');
  const asked = chat.locator('#thread li', { hasText: question });
  await expect(asked).toHaveAttribute('data-state', 'stored');
  await expect(chat.getByLabel('Message', { exact: true })).toHaveValue('');

  const rep = await signedInWindow((page) => new AppPage(page), await browser.newContext(), app.url, REP, PASSWORD);
  const row = rep.inboxRows.filter({ hasText: question });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Maria Garcia');
  await rep.openConversation((await row.getAttribute('data-conversation-id')) ?? '');
  const answer = `It left our warehouse today (${Date.now()})`;
  await rep.reply(answer);

  // The shopper has the chat open: the reply shows, and the rep sees it read.
  await expect(chat.locator('#thread li[data-from="brand"]', { hasText: answer })).toBeVisible();
  const sent = rep.conversation.locator('[data-testid="message"][data-direction="outbound"]', { hasText: answer });
  await expect(sent).toHaveAttribute('data-status', 'read');
  await shop.screenshot({ path: test.info().outputPath('shop-chat.png') });

  // Next visit: the same shopper's thread is back.
  await shop.reload();
  await shop.locator('button[data-caredesk="launcher"]').click();
  await expect(chat.locator('#thread li')).toHaveText([new RegExp(escape(question)), new RegExp(escape(answer))]);

  // A reply while the chat is closed counts on the button, and is read once opened.
  await shop.keyboard.press('Escape');
  await chat.getByLabel('Message', { exact: true }).press('Escape');
  await expect(shop.locator('button[data-caredesk="launcher"]')).toHaveAttribute('aria-expanded', 'false');
  const later = `Tracking: it arrives Friday (${Date.now()})`;
  await rep.reply(later);
  await expect(shop.locator('button[data-caredesk="launcher"]')).toHaveText('Chat with us (1)');
  const second = rep.conversation.locator('[data-testid="message"][data-direction="outbound"]', { hasText: later });
  await expect(second).toHaveAttribute('data-status', 'delivered');
  await shop.locator('button[data-caredesk="launcher"]').click();
  await expect(second).toHaveAttribute('data-status', 'read');
  await expect(shop.locator('button[data-caredesk="launcher"]')).toHaveText('Chat with us');
});

test('a chat button for a widget no admin set up says so in the window and sends nothing', async ({ browser }) => {
  const { shop, chat } = await openShop(browser, 'nobody-shop');
  await shop.locator('button[data-caredesk="launcher"]').click();
  await expect(chat.getByRole('status')).toHaveText(
    'This chat is not set up: Caredesk has no web-chat widget "nobody-shop".',
  );
  await expect(chat.getByRole('button', { name: 'Send' })).toBeDisabled();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
