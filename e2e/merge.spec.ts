import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { sendInbound, serverSignIn } from './fixtures/server-client';
import { RepPage } from './pages/rep-page';

const LEAD = { email: 'lead01@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

/**
 * Two people write in for the first time from `<who>.kept@` and `<who>.work@`: each is a new
 * customer of their own. The lead opens the work address's conversation.
 */
async function twoNewCustomers(page: Page, who: string) {
  const { token } = await serverSignIn(app.serverUrl, LEAD.email, LEAD.password);
  const name = who[0]?.toUpperCase() + who.slice(1);
  const kept = { name: `${name} Kept`, email: `${who}.kept@example.com` };
  const work = { name: `${name} Work`, email: `${who}.work@example.com` };
  await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: kept.email,
    name: kept.name,
    body: 'Late parcel.',
  });
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: work.email,
    name: work.name,
    body: 'Writing from my work address about the same parcel.',
  });
  await page.goto(app.url);
  const ui = new RepPage(page);
  // The browser host keeps the session between tests of this file: sign in only when asked.
  const signInForm = page.getByTestId('signin-email');
  await expect(signInForm.or(ui.inboxRows.first())).toBeVisible();
  if (await signInForm.isVisible()) await ui.signIn(LEAD.email, LEAD.password);
  await expect(ui.inboxRows.first()).toBeVisible();
  await ui.showAllNewestFirst();
  await ui.openConversation(conversationId);
  const heading = ui.customer.getByRole('heading', { level: 2 });
  await expect(heading).toHaveText(work.name);
  return { ui, heading, kept, work, history: page.getByTestId('merge-history') };
}

/** Merge into…: search, pick, read the preview, confirm. */
async function mergeInto(page: Page, kept: { name: string; email: string }, work: { email: string }) {
  await page.getByTestId('merge-open').click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(page.getByTestId('merge-search')).toBeFocused();
  await page.getByTestId('merge-search').fill(kept.name);
  await dialog.getByTestId('merge-hit').filter({ hasText: kept.name }).click();
  const preview = page.getByTestId('merge-preview');
  await expect(page.getByTestId('merge-preview-name')).toHaveText(kept.name);
  await expect(preview).toContainText(kept.email);
  await expect(preview).toContainText(work.email);
  await expect(page.getByTestId('merge-preview-orders')).toHaveText('0');
  await page.getByTestId('merge-confirm').click();
  await expect(dialog).toBeHidden();
}

test('merges two customers from the panel after a preview, then undoes it and the panel shows the original customer again', async ({
  page,
}) => {
  const { ui, heading, kept, work, history } = await twoNewCustomers(page, 'tamsin');
  await expect(history).toContainText('No other customer was merged into this one.');
  await mergeInto(page, kept, work);

  // The conversation's customer is the kept one now, with both addresses, and the merge is listed.
  await expect(heading).toHaveText(kept.name);
  await expect(ui.customer.getByTestId('identity')).toHaveCount(2);
  const entry = history.getByTestId('merge-entry');
  await expect(entry).toContainText(`${work.name} merged in`);

  // Undo: the original customer comes back, with only its own address.
  await entry.getByTestId('merge-undo').click();
  await expect(heading).toHaveText(work.name);
  await expect(ui.customer.getByTestId('identity')).toHaveCount(1);
  await expect(ui.customer.getByTestId('identity')).toContainText(work.email);
  await expect(history).toContainText('No other customer was merged into this one.');
});

test('splits an identity off after a merge; the merge can then no longer be undone, and says why', async ({ page }) => {
  const { ui, heading, kept, work, history } = await twoNewCustomers(page, 'rowan');
  await mergeInto(page, kept, work);
  await expect(ui.customer.getByTestId('identity')).toHaveCount(2);

  const identity = ui.customer.getByTestId('identity').filter({ hasText: work.email });
  await identity.getByTestId('identity-split').click();
  await expect(page.getByTestId('split-message')).toContainText(`${work.email} leaves ${kept.name}`);
  await page.getByTestId('split-confirm').click();
  await expect(page.getByTestId('split-dialog')).toBeHidden();
  // The kept customer still has an email address, so the conversation may have come through it: it stays.
  await expect(ui.customer.getByTestId('identity')).toHaveCount(1);
  await expect(ui.customer.getByTestId('identity')).toContainText(kept.email);
  await expect(heading).toHaveText(kept.name);

  await history.getByTestId('merge-undo').click();
  await expect(ui.rejectedButton).toHaveText('1 change not applied');
  await ui.rejectedButton.click();
  await expect(ui.rejectedItems.first().getByTestId('rejected-reason')).toContainText(
    'An identity that merge moved has changed customer since',
  );
});
