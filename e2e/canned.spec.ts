import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Customer, Order } from '../shared/domain';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { sendInbound, serverCustomers, serverOrders, serverSignIn } from './fixtures/server-client';
import { RepPage } from './pages/rep-page';

// A lead of every team: the customers' conversations land in whichever team, and leads write team items.
const LEAD = { email: 'lead01@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

/** A new conversation from a customer with an email on record, about one of their orders by number. */
async function conversationAbout(order: Order, customers: Map<string, Customer>, token: string) {
  const email = customers.get(order.customerId)?.email ?? '';
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: email,
    body: `Hello, any news on order ${order.number}?`,
  });
  return conversationId;
}

async function openPicker(page: Page) {
  await page.keyboard.press('Control+.');
  const picker = page.getByRole('dialog', { name: 'Canned resolutions' });
  await expect(picker).toBeVisible();
  await expect(picker.getByTestId('canned-search')).toBeFocused();
  return picker;
}

test('canned resolutions: written with a live preview, picked with one key, filled from the customer’s order, and a variable that cannot be filled blocks the send', async ({
  page,
}) => {
  const { token } = await serverSignIn(app.serverUrl, LEAD.email, LEAD.password);
  const customers = new Map((await serverCustomers(app.serverUrl, token)).map((c) => [c.id, c]));
  const orders = await serverOrders(app.serverUrl, token);
  const withEmail = (o: Order) => Boolean(customers.get(o.customerId)?.email);
  const moving = orders.find(
    (o) =>
      withEmail(o) &&
      o.shipments.length === 1 &&
      o.shipments[0]?.status === 'in_transit' &&
      o.shipments[0].trackingNumber,
  );
  const unshipped = orders.find((o) => withEmail(o) && o.shipments.length === 0 && o.customerId !== moving?.customerId);
  if (!moving || !unshipped) throw new Error('the demo has no order in transit, or none not shipped yet');
  const carrier = moving.shipments[0]?.carrier ?? '';
  const first = await conversationAbout(moving, customers, token);
  const second = await conversationAbout(unshipped, customers, token);

  await page.goto(app.url);
  const ui = new RepPage(page);
  await ui.signIn(LEAD.email, LEAD.password);
  // The new conversations head the newest-first list (the default queue puts them behind every waiting one).
  await ui.showAllNewestFirst();
  await ui.openConversation(first);
  await expect(ui.conversation).toHaveAttribute('data-conversation-id', first);
  await ui.focusThread();

  // The key opens the picker; with nothing saved yet it says so.
  let picker = await openPicker(page);
  await expect(picker).toContainText('No canned resolutions yet');

  // The editor previews the text filled from this conversation as it is typed.
  await picker.getByRole('button', { name: 'New' }).click();
  const editor = page.getByTestId('canned-editor').getByRole('dialog');
  await expect(editor).toBeVisible();
  await editor.getByTestId('canned-title').fill('Where is my order');
  const body = editor.getByTestId('canned-body');
  const preview = editor.getByTestId('canned-preview');
  await body.fill('Hi {{customer.first_name}}, order {{order.number}}');
  await expect(preview).toContainText(`order ${moving.number}`);
  await body.pressSequentially(' is with {{shipment.carrier}}.');
  await expect(preview).toContainText(`order ${moving.number} is with ${carrier}.`);
  // A name that is no variable is shown and keeps it from being saved.
  await body.pressSequentially(' {{order.nmber}}');
  await expect(editor).toContainText('{{order.nmber}} is not a variable');
  await expect(editor.getByTestId('canned-save')).toBeDisabled();
  await body.fill(`Hi {{customer.first_name}}, order {{order.number}} is with {{shipment.carrier}}.`);
  // It tags and resolves the conversation with the send.
  await editor.getByLabel('With the send: add tags').fill('tracking-sent');
  await editor.getByLabel('With the send: add tags').press('Enter');
  await editor.getByTestId('canned-after').getByText('Resolve').click();
  await editor.getByTestId('canned-save').click();
  await expect(editor).toBeHidden();

  // A second one, for the team, with a variable the other customer's order cannot fill.
  picker = page.getByRole('dialog', { name: 'Canned resolutions' });
  await picker.getByRole('button', { name: 'New' }).click();
  await expect(editor).toBeVisible();
  await editor.getByTestId('canned-title').fill('Tracking number');
  await editor.getByTestId('canned-body').fill('Your tracking number is {{shipment.tracking_number}}.');
  await editor.getByTestId('canned-scope-select').click();
  await page.getByRole('option', { name: /^Team: Orders/ }).click();
  await editor.getByTestId('canned-save').click();
  await expect(editor).toBeHidden();
  await expect(picker.getByTestId('canned-option')).toHaveCount(2);
  await expect(picker.locator('[data-title="Tracking number"] [data-testid="canned-scope"]')).toHaveText(/Orders/);
  await expect(picker.locator('[data-title="Where is my order"] [data-testid="canned-scope"]')).toHaveText('Personal');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();

  // Type to filter, Enter inserts the filled text with this customer's order number.
  await ui.focusThread();
  picker = await openPicker(page);
  await page.keyboard.type('whr ordr');
  await expect(picker.getByTestId('canned-option')).toHaveCount(1);
  await expect(picker.getByTestId('canned-picker-preview')).toContainText(moving.number);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(ui.composer).toHaveValue(new RegExp(`order ${moving.number} is with ${carrier}\\.$`));
  await expect(ui.composer).toBeFocused();
  await expect(page.getByTestId('composer-send')).toBeEnabled();
  await expect(page.getByTestId('canned-send-with')).toHaveText('With send: tag tracking-sent, resolve');

  // Sent: the reply goes, then the conversation is tagged and resolved.
  await page.keyboard.press('Control+Enter');
  const sent = ui.messages.and(page.locator('[data-direction="outbound"]')).last();
  await expect(sent).toContainText(`order ${moving.number} is with ${carrier}.`);
  await expect(ui.status).toHaveText('Resolved');
  await expect(ui.tagPill('tracking-sent')).toBeVisible();
  await expect(page.getByTestId('canned-send-with')).toBeHidden();

  // Another conversation: its order has no shipment, so the tracking number cannot be filled.
  await ui.openConversation(second);
  await expect(ui.conversation).toHaveAttribute('data-conversation-id', second);
  await ui.focusThread();
  picker = await openPicker(page);
  await page.keyboard.type('tracking');
  await expect(picker.getByTestId('canned-option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown'); // wraps round to the only one
  await page.keyboard.press('Enter');
  await expect(ui.composer).toHaveValue('Your tracking number is {{shipment.tracking_number}}.');
  const blocked = page.getByTestId('composer-blocked');
  await expect(blocked).toHaveText(
    `No shipment on order ${unshipped.number} yet: fill {{shipment.tracking_number}} or remove it`,
  );
  await expect(page.getByTestId('composer-send')).toBeDisabled();
  const before = await ui.messages.count();
  await page.keyboard.press('Control+Enter');
  await expect(ui.composer).toHaveValue('Your tracking number is {{shipment.tracking_number}}.');
  expect(await ui.messages.count()).toBe(before);

  // Writing the value in by hand lifts the block.
  await ui.composer.fill('Your tracking number will follow as soon as it ships.');
  await expect(blocked).toBeHidden();
  await expect(page.getByTestId('composer-send')).toBeEnabled();
});
