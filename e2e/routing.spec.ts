// Automatic routing (issue 17): a lead turns it on for a team in the console; a message in German
// then goes at once to the one online rep who speaks it, and that rep's header says why.
import { expect, test } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { sendInbound, serverSignIn } from './fixtures/server-client';
import { startCentralServer, startWebApp } from './fixtures/web-app';
import type { CentralServer, WebApp } from './fixtures/web-app';
import { AppPage, signedInWindow } from './pages/app-page';

const PASSWORD = 'caredesk-demo';
const LEAD = 'lead01@northwind.example';
const REP = { email: 'rep01@northwind.example', id: 'user-rep01' }; // Orders & Delivery, where new conversations land
const ADMIN = 'admin@northwind.example';

let central: CentralServer;
let apps: WebApp[] = [];
let contexts: BrowserContext[] = [];
let lead: Page;
let rep: AppPage;

test.describe.configure({ mode: 'serial' });

async function open(browser: Browser, app: WebApp, email: string): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  contexts.push(context);
  return signedInWindow((page) => new AppPage(page), context, app.url, email, PASSWORD);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  central = await startCentralServer();
  apps = await Promise.all([1, 2].map(() => startWebApp({ server: central.url })));
  const [leadApp, repApp] = apps as [WebApp, WebApp];
  lead = (await open(browser, leadApp, LEAD)).page;
  rep = await open(browser, repApp, REP.email);
});

test.afterAll(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  await Promise.all(apps.map((app) => app.stop()));
  await central?.stop();
  central?.remove();
});

test('a lead turns routing on; a German message goes at once to the online rep who speaks German, saying why', async () => {
  await lead.getByTestId('console-toggle').click();
  await lead.getByTestId('console-routing-tab').click();
  const panel = lead.getByTestId('routing-settings');
  await panel.getByLabel('Team', { exact: true }).click();
  await lead.getByRole('option', { name: 'Orders & Delivery', exact: true }).click();
  // A team never configured is manual.
  await expect(panel.getByRole('radio', { name: 'Manual' })).toBeChecked();

  await panel.getByText('Fewest open', { exact: true }).click();
  // Only German for the rep: the demo's English backlog stays in the queue.
  const repRow = panel.getByTestId(`routing-rep-${REP.id}`);
  // From the keyboard: focus the rep's languages, open them, pick German.
  await repRow.getByLabel(/^Languages,/).focus();
  await lead.keyboard.press('ArrowDown');
  await lead.getByRole('option', { name: 'DE', exact: true }).click();
  await lead.keyboard.press('Escape');
  await panel.getByTestId('routing-save').click();
  await expect(lead.getByText('Routing saved.')).toBeVisible();

  const admin = await serverSignIn(central.url, ADMIN, PASSWORD);
  const { conversationId } = await sendInbound(central.url, admin.token, {
    channel: 'sms',
    from: `+1 (628) 555-${String(1000 + (Date.now() % 9000)).padStart(4, '0')}`,
    body: `Hallo, wo ist meine Bestellung? Ich habe das Paket noch nicht (${Date.now()})`,
    name: 'Routing Kunde',
  });

  await rep.openConversation(conversationId);
  await expect(rep.page.getByTestId('header-routing-reason')).toHaveText(/^Assigned by routing: fewest open \(\d+\)/);
  const me = (await rep.page.getByTestId('signed-in-name').innerText()).trim();
  await expect(rep.page.getByTestId('header-assignee')).toHaveText(me);
  await rep.page.screenshot({ path: test.info().outputPath('routed-header.png') });

  // The lead sees what was saved when the tab is opened again.
  await lead.getByTestId('console-audit-tab').click();
  await lead.getByTestId('console-routing-tab').click();
  await panel.getByLabel('Team', { exact: true }).click();
  await lead.getByRole('option', { name: 'Orders & Delivery', exact: true }).click();
  await expect(panel.getByRole('radio', { name: 'Fewest open' })).toBeChecked();
});
