import { expect, test } from '@playwright/test';
import { serverMessages, serverSignIn } from './fixtures/server-client';
import { startCentralServer, startWebApp } from './fixtures/web-app';
import type { CentralServer, WebApp } from './fixtures/web-app';
import { AppPage } from './pages/app-page';

const REP = { email: 'rep01@northwind.example', password: 'caredesk-demo' };

let server: CentralServer;
let app: WebApp;

test.beforeAll(async () => {
  server = await startCentralServer();
  app = await startWebApp({ server: server.url });
});

test.afterAll(async () => {
  await app?.stop();
  await server?.stop();
  server?.remove();
});

test('when the server goes away the rep keeps working, and the queued reply is delivered once it returns', async ({
  page,
}) => {
  await page.goto(app.url);
  const ui = new AppPage(page);
  await ui.signIn(REP.email, REP.password);
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-state', 'online');

  const conversationId = (await ui.inboxRows.first().getAttribute('data-conversation-id')) ?? '';
  await ui.openConversation(conversationId);

  await server.stop();
  await expect(status).toHaveAttribute('data-state', 'offline');

  // Reading still works from the local cache.
  await expect(ui.customer.getByTestId('order').first()).toBeVisible();

  const text = `Written while offline (${Date.now()})`;
  await ui.reply(text);
  const queued = ui.conversation.locator('[data-testid="message"][data-direction="outbound"]', { hasText: text });
  await expect(queued).toHaveAttribute('data-status', 'pending');
  await expect(queued).toContainText('Waiting to send');
  await expect(status).toContainText('1 pending');

  await server.restart();
  await expect(status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect(queued).toHaveAttribute('data-status', 'sent');

  const { token } = await serverSignIn(server.url, REP.email, REP.password);
  const stored = (await serverMessages(server.url, token, conversationId)).filter((m) => m.body === text);
  expect(stored).toHaveLength(1);
});
