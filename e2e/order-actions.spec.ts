// Order actions from the customer panel (issue "Single customer view", done-when): a rep's refund
// above their limit waits; the lead, in their own app, approves it; the rep's panel shows the refund.
import { expect, test } from '@playwright/test';
import type { Browser, BrowserContext } from '@playwright/test';
import type { Customer, Order } from '../shared/domain';
import { capturedCents, formatMoney, refundedCents } from '../shared/domain';
import { sendInbound, serverCustomers, serverOrders, serverSignIn } from './fixtures/server-client';
import { startCentralServer, startWebApp } from './fixtures/web-app';
import type { CentralServer, WebApp } from './fixtures/web-app';
import { signedInWindow } from './pages/app-page';
import { RepPage } from './pages/rep-page';

const PASSWORD = 'caredesk-demo';
const REP = 'rep01@northwind.example'; // Orders & Delivery, where new conversations land
const LEAD = 'lead01@northwind.example'; // every team
const ADMIN = 'admin@northwind.example';

let central: CentralServer;
let apps: WebApp[] = [];
let contexts: BrowserContext[] = [];

test.describe.configure({ mode: 'serial' });

async function openApp(browser: Browser, app: WebApp, email: string): Promise<RepPage> {
  const context = await browser.newContext();
  contexts.push(context);
  return signedInWindow((page) => new RepPage(page), context, app.url, email, PASSWORD);
}

/** A demo order with more than 50.00 captured and nothing refunded, whose customer has a phone. */
function refundableOrder(orders: Order[], customers: Customer[]): { order: Order; phone: string } {
  for (const order of orders) {
    if (order.status === 'cancelled' || order.status === 'refunded') continue;
    if (refundedCents(order) > 0 || capturedCents(order) <= 5_000) continue;
    const phone = customers
      .find((customer) => customer.id === order.customerId)
      ?.identities.find((identity) => identity.kind === 'phone')?.value;
    if (phone) return { order, phone };
  }
  throw new Error('the demo has no order above 50.00 with a phone customer');
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  central = await startCentralServer();
  apps = await Promise.all([startWebApp({ server: central.url }), startWebApp({ server: central.url })]);
});

test.afterAll(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  await Promise.all(apps.map((app) => app.stop()));
  await central?.stop();
  central?.remove();
});

test('a rep’s refund above their limit waits; the lead approves it from their app; the rep then sees the refund', async ({
  browser,
}) => {
  const [repApp, leadApp] = apps;
  if (!repApp || !leadApp) throw new Error('the apps did not start');
  const adminToken = (await serverSignIn(central.url, ADMIN, PASSWORD)).token;
  const { order, phone } = refundableOrder(
    await serverOrders(central.url, adminToken),
    await serverCustomers(central.url, adminToken),
  );
  const amount = formatMoney(capturedCents(order), order.currency);
  const { conversationId } = await sendInbound(central.url, adminToken, {
    channel: 'sms',
    from: phone,
    body: `My order ${order.number} arrived broken (${Date.now()})`,
  });
  const [rep, lead] = await Promise.all([openApp(browser, repApp, REP), openApp(browser, leadApp, LEAD)]);

  // The rep opens the conversation and refunds the whole order from the order card's menu, by keyboard.
  await rep.openConversation(conversationId);
  const card = rep.customer.locator(`[data-testid="order"][data-order-id="${order.id}"]`);
  await expect(card).toBeVisible();
  await card.getByTestId('order-actions').focus();
  await rep.page.keyboard.press('Enter');
  await expect(rep.page.getByTestId('order-action-refund')).toBeVisible();
  await rep.page.getByTestId('order-action-refund').click();
  const dialog = rep.page.getByRole('dialog');
  await dialog.getByTestId('order-action-reason').fill('box crushed');
  await dialog.getByTestId('order-action-review').click();
  // The confirmation says exactly what will happen before anything is queued.
  const limit = formatMoney(5_000, order.currency);
  await expect(dialog.getByTestId('order-action-summary')).toHaveText(
    `Refund of ${amount} on ${order.number} awaits a lead's approval (above the ${limit} limit) — Damaged in transit: box crushed`,
  );
  await rep.page.screenshot({ path: test.info().outputPath('refund-confirmation.png') });
  await dialog.getByTestId('order-action-confirm').click();
  await expect(dialog).toHaveCount(0);

  // The order shows the refund awaiting approval, and the conversation says so in a note.
  const waiting = card.getByTestId('refund-request');
  await expect(waiting).toHaveAttribute('data-status', 'awaiting_approval');
  await expect(waiting.getByTestId('refund-request-status')).toHaveText('Awaiting approval');
  await expect(card.getByTestId('refund-approve')).toHaveCount(0);
  await expect(rep.notes.filter({ hasText: `awaits a lead's approval` })).toHaveCount(1);

  // The lead, in their own app, reaches the console's Approvals by keyboard and approves it.
  await lead.page.keyboard.press('Shift+Digit5');
  await expect(lead.page.getByTestId('lead-console')).toBeVisible();
  await lead.page.getByTestId('console-approvals-tab').click();
  const approval = lead.page.getByTestId('approval').filter({ hasText: order.number });
  await expect(approval).toHaveCount(1);
  await expect(approval).toContainText(`Refund ${amount}`);
  await lead.page.screenshot({ path: test.info().outputPath('approvals.png') });
  await approval.getByTestId('refund-approve').click();
  const decision = lead.page.getByRole('dialog');
  await expect(decision.getByTestId('refund-decision-summary')).toContainText(`${amount} (whole order) is refunded`);
  await decision.getByTestId('refund-decision-confirm').click();
  await expect(lead.page.getByTestId('approval').filter({ hasText: order.number })).toHaveCount(0);

  // The rep's panel shows the refund made, and the request approved.
  await expect(card.getByTestId('refund-request')).toHaveAttribute('data-status', 'approved');
  await expect(card.getByTestId('refund')).toContainText(`Refund ${amount}`);
  await expect(rep.notes.filter({ hasText: `Approved and refunded ${amount} on ${order.number}` })).toHaveCount(1);
  await card.scrollIntoViewIfNeeded();
  await rep.page.screenshot({ path: test.info().outputPath('refunded.png') });
});
