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

test('each conversation shows its intent and sentiment; the inbox filters by them and puts the most urgent first', async ({
  page,
}) => {
  await page.goto(app.url);
  const rep = new RepPage(page);
  await rep.signIn(REP.email, REP.password);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  await expect(rep.inboxRows.first()).toBeVisible();

  const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
  const number = () => `+1 (628) 555-${String(1000 + Math.floor(Math.random() * 9000))}`;
  const angry = await sendInbound(app.serverUrl, token, {
    channel: 'sms',
    from: number(),
    body: 'I want a refund, the jacket arrived torn. Terrible.',
    name: 'Avery Stone',
  });
  const calm = await sendInbound(app.serverUrl, token, {
    channel: 'sms',
    from: number(),
    body: 'Hi, could I change the delivery address on my order please?',
    name: 'Blake Moss',
  });

  await rep.showAllNewestFirst();
  const angryRow = rep.row(angry.conversationId);
  const calmRow = rep.row(calm.conversationId);
  await expect(angryRow.getByTestId('row-intent')).toHaveText('Refund');
  await expect(angryRow).toHaveAttribute('aria-label', /Refund, Negative/);
  await expect(calmRow.getByTestId('row-intent')).toHaveText('Change delivery');

  await rep.pick('Sentiment', 'Negative');
  await expect(angryRow).toBeVisible();
  await expect(calmRow).toHaveCount(0);
  await rep.pick('Sentiment', 'Any sentiment');
  await rep.pick('Intent', 'Change delivery');
  await expect(calmRow).toBeVisible();
  await expect(angryRow).toHaveCount(0);
  await rep.pick('Intent', 'Any intent');

  // Most urgent: unhappy customers first (an unhappy one with a late order above all).
  await rep.pick('Status', 'Open');
  await rep.pick('Sort', 'Most urgent');
  await expect(rep.inboxRows.first()).toHaveAttribute('aria-label', /Negative/);
  await page.screenshot({ path: test.info().outputPath('triage.png') });
});

test('a rep sets a priority from the keyboard: the header and the row show it, the filter finds it, and it returns to automatic', async ({
  page,
}) => {
  await page.goto(app.url);
  const rep = new RepPage(page);
  // The engine may still be signed in from the test before.
  const signIn = page.getByTestId('signin-email');
  await expect(signIn.or(rep.inboxRows.first())).toBeVisible();
  if (await signIn.isVisible()) await rep.signIn(REP.email, REP.password);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'sms',
    from: `+1 (628) 555-${String(1000 + Math.floor(Math.random() * 9000))}`,
    body: `Hello, which size should I pick for the rain jacket? (${Date.now()})`,
    name: 'Casey Vale',
  });
  await rep.showAllNewestFirst();
  await rep.openConversation(conversationId);
  const button = rep.header.getByTestId('priority-button');
  const row = rep.row(conversationId);
  // A calm question: automatic, normal, and nothing marked in the row.
  await expect(button).toHaveAttribute('data-priority', 'automatic');
  await expect(button).toHaveText('Auto: normal');
  await expect(row.getByTestId('row-priority')).toHaveCount(0);

  // The palette: "Priority: urgent".
  await rep.focusThread();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await page.keyboard.type('priority urgent');
  await expect(page.locator('[data-testid="palette-action"][data-command="priority.urgent"]')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('data-priority', 'urgent');
  await expect(button).toHaveText('Urgent');
  await expect(row.getByTestId('row-priority')).toHaveAttribute('data-priority', 'urgent');
  await expect(row).toHaveAttribute('aria-label', /Urgent priority, set by a person/);
  // The service level follows it: 15 minutes to answer, not an hour.
  await expect(rep.header.getByTestId('sla-badge')).toHaveAttribute('title', /urgent priority/);
  // The server took it: nothing of the rep's waits to be sent.
  await expect(rep.header.getByTestId('header-pending')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('priority-urgent.png') });

  // The inbox's priority filter finds it (urgent in effect), and not among the normal ones.
  await rep.pick('Priority', 'Urgent');
  await expect(row).toBeVisible();
  await rep.pick('Priority', 'Normal');
  await expect(row).toHaveCount(0);
  await rep.pick('Priority', 'Any priority');
  await page.getByRole('combobox', { name: 'Priority', exact: true }).blur();

  // P opens the menu; Automatic gives it back to triage.
  await rep.shortcut('p');
  await expect(page.getByTestId('priority-menu')).toBeVisible();
  await page.locator('[data-testid="priority-option"][data-priority="automatic"]').focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('data-priority', 'automatic');
  await expect(row.getByTestId('row-priority')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('priority-automatic.png') });
});
