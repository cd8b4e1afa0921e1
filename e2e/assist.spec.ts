import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startWebApp, type WebApp } from './fixtures/web-app';
import { sendInbound, serverCustomers, serverOrders, serverSignIn } from './fixtures/server-client';
import { AppPage } from './pages/app-page';

const ADMIN = { email: 'admin@northwind.example', password: 'caredesk-demo' };
const KEY = 'sk-e2e-7c41d2';

// A local server speaking the chat-completions API: it puts a warm opening before Caredesk's draft,
// or (when told to) adds a tracking number of its own.
let model: Server;
let modelUrl: string;
let invent = false;
const seen: { authorization: string | undefined; model: string }[] = [];

let app: WebApp;

test.beforeAll(async () => {
  model = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; messages: { role: string; content: string }[] };
      seen.push({ authorization: req.headers.authorization, model: body.model });
      const prompt = body.messages.at(-1)?.content ?? '';
      const draft = prompt.slice(prompt.indexOf('Draft reply:\n') + 'Draft reply:\n'.length);
      const content = invent
        ? `${draft}\nYour new tracking number is 1Z999AA10999999999.`
        : `Thanks so much for your patience!\n\n${draft}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
  modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
  await new Promise<void>((resolve) => model?.close(() => resolve()));
});

test('an admin turns the language model on; suggestions are phrased by it, and its invented facts are refused', async ({
  page,
}) => {
  const { token } = await serverSignIn(app.serverUrl, ADMIN.email, ADMIN.password);
  const customers = new Map((await serverCustomers(app.serverUrl, token)).map((c) => [c.id, c]));
  const order = (await serverOrders(app.serverUrl, token)).find(
    (o) => o.shipments.length === 1 && o.shipments[0]?.status === 'in_transit' && customers.get(o.customerId)?.email,
  );
  expect(order).toBeDefined();
  const email = customers.get(order?.customerId ?? '')?.email ?? '';
  const { conversationId } = await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: email,
    body: `Hello, where is my order ${order?.number ?? ''}? It has not come yet.`,
  });

  await page.goto(app.url);
  const ui = new AppPage(page);
  await ui.signIn(ADMIN.email, ADMIN.password);
  await expect(ui.inboxRows.first()).toBeVisible();
  // Newest first, where the new conversation is in view.
  await ui.showAllNewestFirst();

  // Off: Caredesk's own wording, and the model is never asked.
  await ui.openConversation(conversationId);
  const first = page.getByTestId('suggestions').getByRole('button', { name: 'Suggestion 1', exact: true });
  await expect(first).toHaveAttribute('data-sendable', 'true');
  const own = ((await first.textContent()) ?? '').trim();
  expect(seen).toHaveLength(0);

  // An admin turns it on; without a key it is refused with the reason.
  await page.getByTestId('assist-settings-button').click();
  await page.getByTestId('assist-enabled').check();
  await page.getByTestId('assist-url').fill(modelUrl);
  await page.getByTestId('assist-model').fill('care-small');
  await page.getByTestId('assist-save').click();
  await expect(page.getByTestId('assist-error')).toContainText('enter a key');
  await page.getByTestId('assist-key').fill(KEY);
  await page.getByTestId('assist-save').click();
  await expect(page.getByTestId('assist-saved')).toContainText('phrased by the model');
  await page.keyboard.press('Escape');

  // The strip now shows the model's phrasing, marked as such.
  await expect(first).toContainText('Thanks so much for your patience!');
  await expect(first.getByLabel('Phrased by the language model')).toBeVisible();
  expect(seen[0]).toEqual({ authorization: `Bearer ${KEY}`, model: 'care-small' });

  // A model that invents a tracking number is not used: Caredesk's wording stays, and the note says why.
  invent = true;
  await sendInbound(app.serverUrl, token, {
    channel: 'email',
    from: email,
    body: `Any news on ${order?.number ?? ''}?`,
  });
  await expect(page.getByTestId('suggestions-phrasing-note')).toContainText(
    '1Z999AA10999999999 is not the tracking number',
  );
  await expect(first).not.toContainText('1Z999AA10999999999');
  await expect(first).not.toContainText('Thanks so much');
  expect(own).not.toBe('');
});
