import { expect, test } from '@playwright/test';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { sendInbound, serverSignIn } from './fixtures/server-client';
import { AppPage } from './pages/app-page';

const LEAD = { email: 'lead01@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

test('merges two customers from the panel after a preview, then undoes it and the panel shows the original customer again', async ({
  page,
}) => {
  // Two people write in for the first time: each is a new customer of their own.
  const { token } = await serverSignIn(app.serverUrl, LEAD.email, LEAD.password);
  const target = await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: 'tamsin.merge@example.com',
    name: 'Tamsin Kept',
    body: 'My parcel has not arrived.',
  });
  const source = await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: 'tamsin.work@example.com',
    name: 'Tamsin Work',
    body: 'Writing from my work address about the same parcel.',
  });
  expect(source.conversationId).not.toBe(target.conversationId);

  await page.goto(app.url);
  const ui = new AppPage(page);
  await ui.signIn(LEAD.email, LEAD.password);
  await expect(ui.inboxRows.first()).toBeVisible();
  await ui.showAllNewestFirst();
  await ui.openConversation(source.conversationId);
  const heading = ui.customer.getByRole('heading', { level: 2 });
  await expect(heading).toHaveText('Tamsin Work');
  const history = page.getByTestId('merge-history');
  await expect(history).toContainText('No other customer was merged into this one.');

  // Merge into…: search, pick, read the preview, confirm.
  await page.getByTestId('merge-open').click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(page.getByTestId('merge-search')).toBeFocused();
  await page.getByTestId('merge-search').fill('Tamsin Kept');
  await dialog.getByTestId('merge-hit').filter({ hasText: 'Tamsin Kept' }).click();
  const preview = page.getByTestId('merge-preview');
  await expect(page.getByTestId('merge-preview-name')).toHaveText('Tamsin Kept');
  await expect(preview).toContainText('tamsin.merge@example.com');
  await expect(preview).toContainText('tamsin.work@example.com');
  await expect(page.getByTestId('merge-preview-orders')).toHaveText('0');
  await page.getByTestId('merge-confirm').click();
  await expect(dialog).toBeHidden();

  // The conversation's customer is the kept one now, with both addresses, and the merge is listed.
  await expect(heading).toHaveText('Tamsin Kept');
  await expect(ui.customer.getByTestId('identity')).toHaveCount(2);
  const entry = history.getByTestId('merge-entry');
  await expect(entry).toContainText('Tamsin Work merged in');

  // Undo: the original customer comes back, with only its own address.
  await entry.getByTestId('merge-undo').click();
  await expect(heading).toHaveText('Tamsin Work');
  await expect(ui.customer.getByTestId('identity')).toHaveCount(1);
  await expect(ui.customer.getByTestId('identity')).toContainText('tamsin.work@example.com');
  await expect(history).toContainText('No other customer was merged into this one.');
});
