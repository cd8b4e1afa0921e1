// A store's purchase history in the customer panel (issue "Single customer view", CRM connectors
// and order actions): a text from a number Shopify knows joins Shopify's customer and order, and a
// refund from the order card's menu is made in Shopify, then shown as Shopify has it. Shopify is a
// local server speaking its Admin GraphQL API (server/crm/shopify/testing.ts).
import { expect, test } from '@playwright/test';
import { startShopifyDouble, paidFixture } from '../server/crm/shopify/testing';
import type { ShopifyDouble } from '../server/crm/shopify/testing';
import { sendInbound, serverSignIn } from './fixtures/server-client';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { RepPage } from './pages/rep-page';

const ADMIN = { email: 'admin@northwind.example', password: 'caredesk-demo' };

let shopify: ShopifyDouble;
let app: WebApp;
let rep: RepPage;
let token: string;

// One signed-in window through both tests (the browser host keeps its engine signed in).
test.beforeAll(async ({ browser }) => {
  shopify = await startShopifyDouble();
  shopify.customers = paidFixture();
  app = await startWebApp({ env: { SHOPIFY_SHOP_URL: shopify.url, SHOPIFY_ACCESS_TOKEN: shopify.token } });
  token = (await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password)).token;
  rep = new RepPage(await browser.newPage());
  await rep.page.goto(app.url);
  await rep.signIn(ADMIN.email, ADMIN.password);
  await expect(rep.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  await rep.showAllNewestFirst();
});
test.afterAll(async () => {
  await rep?.page.close();
  await app?.stop();
  await shopify?.close();
});

test.describe.configure({ mode: 'serial' });

test('a texter Shopify knows shows as its customer with order #1001, and a refund from the panel is made in Shopify', async () => {
  const { page } = rep;
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'sms',
    from: '(613) 612-0707',
    body: 'Where is my iPod? Order #1001',
  });
  await rep.openConversation(conversationId);

  // Shopify's name and order, marked as Shopify's, with its carrier and tracking number.
  await expect(rep.customer.getByRole('heading', { level: 2 })).toHaveText('Bob Norman');
  const card = rep.customer.locator('[data-testid="order"][data-order-id="shopify:450789469"]');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('order-source')).toHaveText('Kept in Shopify');
  await expect(card).toContainText('#1001');
  await expect(card).toContainText('1Z1234512345123456');
  await expect(rep.customer.getByTestId('connected-record')).toHaveAttribute('data-state', 'linked');
  await expect(rep.customer.getByTestId('connected-record')).toContainText(
    'Shopify customer, matched by phone +1 613 612 0707',
  );
  // The shipment's scans, newest first, on demand (and by keyboard).
  await card.getByTestId('shipment-scans-toggle').focus();
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('shipment-scans-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(card.getByTestId('shipment-scan')).toHaveCount(2);
  await expect(card.getByTestId('shipment-scan').first()).toContainText('In transit');
  await expect(card.getByTestId('shipment-scan').last()).toContainText('Fulfilled in Shopify');
  await page.screenshot({ path: test.info().outputPath('shopify-order.png') });

  // Refund what is left of the order ($389.94) from the card's menu, by keyboard.
  await card.getByTestId('order-actions').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-action-reship')).toBeDisabled();
  await page.getByTestId('order-action-refund').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('order-action-reason').fill('never arrived');
  await dialog.getByTestId('order-action-review').click();
  await expect(dialog.getByTestId('order-action-summary')).toContainText('$389.94');
  await dialog.getByTestId('order-action-confirm').click();
  await expect(dialog).toHaveCount(0);

  // Shopify was asked once, and the order now shows Shopify's second refund and its status.
  await expect(rep.notes.filter({ hasText: 'Shopify made it: refund $389.94 on order #1001.' })).toHaveCount(1);
  const refunds = shopify.requests.filter((request) => request.query.includes('refundCreate'));
  expect(refunds).toHaveLength(1);
  await expect(card.getByTestId('refund')).toHaveCount(2);
  await expect(card).toContainText('Refunded');
  await page.screenshot({ path: test.info().outputPath('shopify-refunded.png') });
});

test('when Shopify is throttled the panel says so, and that no orders came from it', async () => {
  const { page } = rep;
  shopify.answer = { body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] } };
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'sms',
    from: '(613) 555-0199',
    body: 'Has my order shipped?',
  });
  await rep.openConversation(conversationId);
  const status = rep.customer.getByTestId('connected-record');
  await expect(status).toHaveAttribute('data-state', 'failed');
  await expect(status).toContainText('Shopify could not be asked');
  await expect(status).toContainText('Shopify answered: Throttled (THROTTLED)');
  await expect(status).toContainText('No orders from Shopify yet.');
  await page.screenshot({ path: test.info().outputPath('shopify-throttled.png') });
  shopify.answer = null;
});
