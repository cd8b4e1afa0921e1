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
