import { expect, test } from '@playwright/test';
import { sendInbound, serverSignIn } from './fixtures/server-client';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { RepPage } from './pages/rep-page';

const ADMIN = { email: 'admin@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

test('an admin erases a customer from the panel after typing their name; the conversation leaves the inbox', async ({
  page,
}) => {
  const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
  const who = { name: 'Ottoline Brackenbury', email: 'ottoline.brackenbury@example.com' };
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: who.email,
    name: who.name,
    body: 'Please forget me after this.',
  });
  await page.goto(app.url);
  const ui = new RepPage(page);
  await ui.signIn(ADMIN.email, ADMIN.password);
  await expect(ui.inboxRows.first()).toBeVisible();
  await ui.showAllNewestFirst();
  await ui.openConversation(conversationId);
  await expect(ui.customer.getByRole('heading', { level: 2 })).toHaveText(who.name);

  await page.getByTestId('erase-open').click();
  const dialog = page.getByTestId('erase-dialog');
  await expect(dialog).toContainText('1 identity');
  await expect(dialog).toContainText('0 orders');
  const name = page.getByTestId('erase-confirm-name');
  await expect(name).toBeFocused();
  // Until the name is typed, nothing can be erased.
  await expect(page.getByTestId('erase-confirm')).toBeDisabled();
  await name.fill('Ottoline');
  await expect(page.getByTestId('erase-confirm')).toBeDisabled();
  await name.fill('ottoline  brackenbury');
  await expect(page.getByTestId('erase-confirm')).toBeEnabled();
  await name.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${who.name} was erased.`)).toBeVisible();

  // The server's deletions reach this engine: the conversation is gone from the list.
  await expect(ui.inboxRows.filter({ hasText: who.name })).toHaveCount(0);
  await expect(page.locator(`[data-testid="inbox-row"][data-conversation-id="${conversationId}"]`)).toHaveCount(0);
});
