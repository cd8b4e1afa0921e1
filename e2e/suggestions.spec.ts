import { expect, test } from '@playwright/test';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import {
  sendInbound,
  serverConversation,
  serverCustomers,
  serverMessages,
  serverOrders,
  serverSignIn,
} from './fixtures/server-client';
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

test('the keyboard alone answers "where is my order" with a suggestion, sends it, resolves the conversation and moves on', async ({
  page,
}) => {
  // A customer with an email on record and an order on its way (one shipment, in transit) asks where it is.
  const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
  const customers = new Map((await serverCustomers(app.serverUrl, token)).map((c) => [c.id, c]));
  const order = (await serverOrders(app.serverUrl, token)).find(
    (o) =>
      o.status === 'fulfilled' &&
      o.shipments.length === 1 &&
      o.shipments[0]?.status === 'in_transit' &&
      customers.get(o.customerId)?.email,
  );
  expect(order).toBeDefined();
  const email = customers.get(order?.customerId ?? '')?.email ?? '';
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: email,
    body: `Hi, where is my order ${order?.number ?? ''}?`,
  });

  await page.goto(app.url);
  const ui = new RepPage(page);
  await ui.signIn(REP.email, REP.password);
  await expect(ui.inboxRows.first()).toBeVisible();
  await ui.showAllNewestFirst();
  // Newest first, the new conversation heads the inbox.
  await expect(ui.inboxRows.first()).toHaveAttribute('data-conversation-id', conversationId);

  // j highlights the first row, and the highlighted conversation is the open one.
  await page.keyboard.press('j');
  await expect(ui.row(conversationId)).toBeFocused();
  await expect(ui.row(conversationId)).toHaveAttribute('aria-selected', 'true');
  await expect(ui.conversation).toHaveAttribute('data-conversation-id', conversationId);
  const next = await ui.inboxRows.nth(1).getAttribute('data-conversation-id');

  // The carrier and tracking number as the customer panel shows them.
  const shipment = ui.customer
    .locator(`[data-testid="order"][data-order-id="${order?.id ?? ''}"]`)
    .getByTestId('shipment');
  await expect(shipment.getByTestId('tracking-link')).toBeVisible();
  const carrier = ((await shipment.locator('strong').first().textContent()) ?? '').trim();
  const tracking = ((await shipment.getByTestId('tracking-link').textContent()) ?? '').trim();
  expect(carrier).not.toBe('');
  expect(tracking).not.toBe('');

  // 1 puts the first suggestion in the reply box; r moves into it; Ctrl+Shift+Enter sends and resolves.
  const first = page.getByTestId('suggestions').getByRole('button', { name: 'Suggestion 1', exact: true });
  await expect(first).toHaveAttribute('data-sendable', 'true');
  await page.keyboard.press('1');
  await expect(ui.composer).toHaveValue(/\S/);
  const reply = await ui.composer.inputValue();
  await page.keyboard.press('r');
  await expect(ui.composer).toBeFocused();
  await page.keyboard.press('Control+Shift+Enter');

  // The next conversation is open and highlighted; the answered one is resolved, with an undo offered.
  await expect(ui.row(next ?? '')).toHaveAttribute('aria-selected', 'true');
  await expect(ui.row(next ?? '')).toBeFocused();
  await expect(ui.conversation).toHaveAttribute('data-conversation-id', next ?? '');
  await expect(ui.row(conversationId).getByTestId('status-badge')).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('undo-resolve')).toBeVisible();

  // The server holds the reply as sent, and the conversation as resolved.
  const { token: repToken } = await serverSignIn(app.serverUrl, REP.email, REP.password);
  await expect
    .poll(
      async () => (await serverMessages(app.serverUrl, repToken, conversationId)).find((m) => m.body === reply)?.status,
    )
    .toBe('sent');
  await expect
    .poll(async () => (await serverConversation(app.serverUrl, repToken, conversationId))?.status)
    .toBe('closed');
  const stored = (await serverMessages(app.serverUrl, repToken, conversationId)).filter((m) => m.body === reply);
  expect(stored).toHaveLength(1);
  // Sent as the suggestion wrote it: counted so in the lead's console.
  expect(stored[0]).toMatchObject({ direction: 'outbound', status: 'sent', suggestion: 'unchanged' });
  expect(stored[0]?.body).toContain(carrier);
  expect(stored[0]?.body).toContain(tracking);
});
