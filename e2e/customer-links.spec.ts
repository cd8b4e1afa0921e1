// Every handle and number joined to the customer (issue text "Single customer view", done-when):
// national phone formats in the server's region, WhatsApp ids without "+", and a tweet from an
// unknown account naming an order, suggested, confirmed or rejected from the customer panel.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Customer, Order } from '../shared/domain';
import { sendInbound, serverCustomers, serverOrders, serverSignIn } from './fixtures/server-client';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { RepPage } from './pages/rep-page';

const ADMIN = { email: 'admin@northwind.example', password: 'caredesk-demo' };

/** A demo customer with a phone number of `country` ("+1", "+44") and nobody else on it. */
function withPhone(customers: Customer[], country: string): { customer: Customer; e164: string } {
  for (const customer of customers) {
    const phone = customer.identities.find((i) => i.kind === 'phone' && i.value.startsWith(country));
    if (phone) return { customer, e164: phone.value };
  }
  throw new Error(`no demo customer has a ${country} number`);
}

async function signedIn(page: Page, app: WebApp): Promise<RepPage> {
  await page.goto(app.url);
  const rep = new RepPage(page);
  await rep.signIn(ADMIN.email, ADMIN.password);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  await expect(rep.inboxRows.first()).toBeVisible();
  await rep.showAllNewestFirst();
  return rep;
}

/** The customer panel's heading: whom the open conversation is joined to. */
const customerName = (rep: RepPage) => rep.customer.getByRole('heading', { level: 2 });

/** A message from `from` on `channel` opens in the panel as `customer`; resolves to its conversation. */
async function joins(
  rep: RepPage,
  app: WebApp,
  token: string,
  message: { channel: 'sms' | 'whatsapp'; from: string },
  customer: Customer,
): Promise<string> {
  const sent = await sendInbound(app.serverUrl, token, {
    ...message,
    body: `Where is my parcel? (${message.channel})`,
  });
  await rep.openConversation(sent.conversationId);
  await expect(customerName(rep)).toHaveText(customer.name);
  return sent.conversationId;
}

test.describe('in the default region (US)', () => {
  // One signed-in window through the steps (the browser host keeps its engine signed in).
  test.describe.configure({ mode: 'serial' });
  let app: WebApp;
  let token: string;
  let customers: Customer[];
  let orders: Order[];
  let rep: RepPage;

  test.beforeAll(async ({ browser }) => {
    app = await startWebApp();
    token = (await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password)).token;
    customers = await serverCustomers(app.serverUrl, token);
    orders = await serverOrders(app.serverUrl, token);
    rep = await signedIn(await browser.newPage(), app);
  });
  test.afterAll(async () => {
    await rep?.page.close();
    await app?.stop();
  });

  test('an SMS from “(415) 555-0134” and a WhatsApp from the same number join the customer stored in E.164', async () => {
    const { customer, e164 } = withPhone(customers, '+1');
    const digits = e164.slice(2);
    const national = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
    const sms = await joins(rep, app, token, { channel: 'sms', from: national }, customer);
    // WhatsApp ids carry no "+": the same phone identity serves both channels.
    const whatsapp = await joins(rep, app, token, { channel: 'whatsapp', from: e164.slice(1) }, customer);
    expect(whatsapp).not.toBe(sms);
    // The single view lists the customer's other conversations on any channel; one opens from there.
    const earlier = rep.customer.locator(`[data-testid="history-row"][data-conversation-id="${sms}"]`);
    await expect(earlier).toBeVisible();
    await earlier.click();
    await expect(rep.row(sms)).toHaveAttribute('aria-selected', 'true');
    await expect(rep.customer.locator(`[data-testid="history-row"][data-conversation-id="${whatsapp}"]`)).toBeVisible();
  });

  test('a tweet from an unknown account naming an order suggests its customer; L links and shows their orders', async () => {
    const order = orders.find((o) => customers.some((c) => c.id === o.customerId));
    if (!order) throw new Error('the demo has no order with a known customer');
    const owner = customers.find((c) => c.id === order.customerId);
    const xId = String(7_000_000_000 + (Date.now() % 1_000_000_000));
    const tweet = await sendInbound(app.serverUrl, token, {
      channel: 'x',
      from: xId,
      handle: '@new_to_you',
      body: `@northwind where is order ${order.number}?? a week now`,
    });
    await rep.openConversation(tweet.conversationId);
    const suggestion = rep.customer.getByTestId('link-suggestion');
    await expect(suggestion).toHaveCount(1);
    await expect(suggestion).toContainText(owner?.name ?? '');
    await expect(suggestion).toContainText(`Order${order.number}`);
    await expect(suggestion).toContainText('70%');
    await expect(customerName(rep)).toHaveText('@new_to_you');

    await rep.shortcut('l');
    await expect(customerName(rep)).toHaveText(owner?.name ?? '');
    await expect(rep.customer.getByTestId('link-suggestions')).toHaveCount(0);
    // Their purchase history, the quoted order among it.
    await expect(rep.customer.locator(`[data-testid="order"][data-order-id="${order.id}"]`)).toBeVisible();
    const linkedIdentity = rep.customer.getByTestId('identity').filter({ hasText: '@new_to_you' });
    await expect(linkedIdentity).toHaveCount(1);
    // Linked by this rep, who reads it as “you”.
    await expect(linkedIdentity).toContainText('Linked by you');
  });

  test('Shift+L says it is not them, and the same evidence later does not suggest them again', async () => {
    const order = orders.at(-1);
    if (!order) throw new Error('the demo has no orders');
    const xId = String(8_000_000_000 + (Date.now() % 1_000_000_000));
    const first = await sendInbound(app.serverUrl, token, {
      channel: 'x',
      from: xId,
      handle: '@gift_giver',
      body: `bought ${order.number} as a gift, can you gift wrap it?`,
    });
    await rep.openConversation(first.conversationId);
    await expect(rep.customer.getByTestId('link-suggestion')).toHaveCount(1);
    await rep.shortcut('Shift+L');
    await expect(rep.customer.getByTestId('link-suggestions')).toHaveCount(0);
    await expect(customerName(rep)).toHaveText('@gift_giver');

    await sendInbound(app.serverUrl, token, { channel: 'x', from: xId, body: `it is ${order.number}, again` });
    await expect(rep.messages.filter({ hasText: 'again' })).toHaveCount(1);
    await expect(rep.customer.getByTestId('link-suggestions')).toHaveCount(0);
  });
});

test.describe('with default region GB', () => {
  let app: WebApp;

  test.beforeAll(async () => {
    app = await startWebApp({ env: { CAREDESK_DEFAULT_REGION: 'GB' } });
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test('an SMS from “020 7946 0958”-style national numbers joins the customer stored as +44', async ({ page }) => {
    const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
    const { customer, e164 } = withPhone(await serverCustomers(app.serverUrl, token), '+44');
    const rep = await signedIn(page, app);
    const national = `0${e164.slice(3, 5)} ${e164.slice(5, 9)} ${e164.slice(9)}`;
    await joins(rep, app, token, { channel: 'sms', from: national }, customer);
  });
});
