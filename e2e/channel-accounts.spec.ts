import { expect, test } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { startProviderDouble } from '../server/channels/provider-double';
import type { ProviderDouble } from '../server/channels/provider-double';
import { lowContrastTexts } from './fixtures/contrast';
import { ChannelAccountRoutes } from '../shared/sync/channel-accounts';
import { serverSignIn } from './fixtures/server-client';
import { startCentralServer, startWebApp } from './fixtures/web-app';
import type { CentralServer, WebApp } from './fixtures/web-app';
import { AppPage } from './pages/app-page';

// An admin adds the brand's SMS number and X account in the admin screen's Channels tab, against a
// central server whose Twilio API is a local double (X has no credentials): Test says Twilio
// answered, then that it refused the token, and names X's missing variable; the admin moves an
// account to another team and removes one; with the server gone, nothing changes and the tab says so.
const ADMIN = { email: 'admin@northwind.example', password: 'caredesk-demo' };
const SID = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const NUMBER = '+14155550100';
const X_ID = '1234567890';

let twilio: ProviderDouble;
let central: CentralServer;
let app: WebApp;
let context: BrowserContext;
let admin: Page;

test.describe.configure({ mode: 'serial' });

const row = (account: string) => admin.locator(`[data-testid="admin-channel-row"][data-account="${account}"]`);

/** Light and dark screenshots of the tab; every text must read at WCAG AA in both. */
async function shoot(name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await admin.emulateMedia({ colorScheme: scheme });
    await expect(admin.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await admin.screenshot({ path: `test-results/admin-${name}-${scheme}.png` });
    const low = await lowContrastTexts(admin, 4.5, '.mantine-Notifications-root');
    expect({ scheme, low }).toEqual({ scheme, low: [] });
  }
  await admin.emulateMedia({ colorScheme: 'light' });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  // Twilio's Account resource (GET /2010-04-01/Accounts/{sid}.json), as documented.
  twilio = await startProviderDouble((request) =>
    request.path === `/2010-04-01/Accounts/${SID}.json`
      ? { status: 200, body: { sid: SID, friendly_name: 'Northwind', status: 'active' } }
      : { status: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 } },
  );
  central = await startCentralServer({
    TWILIO_API_URL: twilio.url,
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: 'test-token',
  });
  app = await startWebApp({ server: central.url });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  admin = await context.newPage();
  await admin.goto(app.url);
  await new AppPage(admin).signIn(ADMIN.email, ADMIN.password);
  await expect(admin.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  // Screenshots show what is drawn, not a fade.
  await admin.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
});

test.afterAll(async () => {
  await context?.close();
  await app?.stop();
  await central?.stop();
  central?.remove();
  await twilio?.close();
});

test('an admin adds the SMS number and X account from the keyboard; each is listed with its team', async () => {
  await admin.getByTestId('admin-toggle').click();
  await admin.getByTestId('admin-channels-tab').click();
  await expect(admin.getByText('No channel accounts yet')).toBeVisible();

  await admin.getByTestId('admin-new-channel').click();
  const form = admin.getByRole('dialog', { name: 'New channel account' });
  // The channel select has focus; SMS is the default. A number without its country code is refused at once.
  await form.getByRole('textbox', { name: 'Account' }).fill('415 555 0100');
  await form.getByRole('textbox', { name: 'Display name' }).focus();
  await expect(form.getByText('Expected the Twilio number, with its country code (+14155550100).')).toBeVisible();
  await expect(form.getByTestId('admin-channel-save')).toBeDisabled();
  await form.getByRole('textbox', { name: 'Account' }).fill('+1 415 555 0100');
  await form.getByRole('textbox', { name: 'Display name' }).fill('US support line');
  await form.getByRole('textbox', { name: 'Display name' }).press('Enter');
  await expect(form).toBeHidden();
  await expect(row(NUMBER)).toContainText('US support line');
  await expect(row(NUMBER).getByTestId('admin-channel-team')).toHaveText('Orders & Delivery');

  await admin.getByTestId('admin-new-channel').click();
  await form.getByRole('combobox', { name: 'Channel' }).click();
  await admin.getByRole('option', { name: 'X' }).click();
  await form.getByRole('textbox', { name: 'Account' }).fill(X_ID);
  await form.getByRole('textbox', { name: 'Display name' }).fill('@northwind on X');
  await form.getByRole('combobox', { name: 'Team' }).click();
  await admin.getByRole('option', { name: 'Returns & Refunds' }).click();
  await form.getByTestId('admin-channel-save').click();
  await expect(form).toBeHidden();
  await expect(row(X_ID).getByTestId('admin-channel-team')).toHaveText('Returns & Refunds');

  // The same number again is refused in the server's words.
  await admin.getByTestId('admin-new-channel').click();
  await form.getByRole('textbox', { name: 'Account' }).fill(NUMBER);
  await form.getByRole('textbox', { name: 'Display name' }).fill('Again');
  await form.getByTestId('admin-channel-save').click();
  await expect(form.getByTestId('admin-channel-error')).toHaveText(`SMS account ${NUMBER} is already listed.`);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(admin.getByTestId('admin-channel-row')).toHaveCount(2);
});

test('Test asks the provider: Twilio answers, then refuses the token; X has no credentials', async () => {
  const sms = row(NUMBER).getByTestId('admin-channel-result');
  await row(NUMBER).getByTestId('admin-channel-test').focus();
  await admin.keyboard.press('Enter');
  await expect(sms).toHaveText('Twilio answered: account active');
  await expect(sms).toHaveAttribute('data-ok', 'true');
  const asked = await twilio.waitFor(1);
  expect(asked[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:test-token`).toString('base64')}`);

  await row(X_ID).getByTestId('admin-channel-test').click();
  const x = row(X_ID).getByTestId('admin-channel-result');
  await expect(x).toHaveText('No credentials configured for X: set X_USER_ACCESS_TOKEN on the server.');
  await expect(x).toHaveAttribute('data-ok', 'false');
  await shoot('channels');

  twilio.queue({ status: 401, body: { code: 20003, message: 'Authenticate', more_info: '', status: 401 } });
  await row(NUMBER).getByTestId('admin-channel-test').click();
  await expect(sms).toHaveText('Twilio refused the account SID or auth token (401): Authenticate');
  await expect(sms).toHaveAttribute('data-ok', 'false');
});

test('an admin moves an account to another team and removes one', async () => {
  await row(NUMBER).getByTestId('admin-channel-edit').click();
  const form = admin.getByRole('dialog', { name: 'Edit US support line' });
  await form.getByRole('combobox', { name: 'Team' }).click();
  await admin.getByRole('option', { name: 'Billing & Accounts' }).click();
  await form.getByTestId('admin-channel-save').click();
  await expect(form).toBeHidden();
  await expect(row(NUMBER).getByTestId('admin-channel-team')).toHaveText('Billing & Accounts');

  await row(X_ID).getByTestId('admin-channel-remove').click();
  const dialog = admin.getByTestId('admin-channel-remove-dialog');
  await expect(dialog.getByTestId('admin-channel-remove-cancel')).toBeFocused();
  await dialog.getByTestId('admin-channel-remove-confirm').click();
  await expect(row(X_ID)).toHaveCount(0);
  await expect(row(NUMBER)).toBeVisible();
});

test('another admin’s change shows when the window comes back into view', async () => {
  const other = await serverSignIn(central.url, ADMIN.email, ADMIN.password);
  const created = await fetch(new URL(ChannelAccountRoutes.list, central.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${other.token}` },
    body: JSON.stringify({
      channel: 'email',
      account: 'care@northwind.example',
      displayName: 'Care inbox',
      teamId: other.user.teamIds[0],
    }),
  });
  expect(created.status).toBe(201);
  await expect(row('care@northwind.example')).toHaveCount(0);
  // The browser tells the page it is shown again (another tab, another window, back).
  await admin.evaluate(() =>
    (globalThis as unknown as { dispatchEvent(event: Event): boolean }).dispatchEvent(new Event('visibilitychange')),
  );
  await expect(row('care@northwind.example')).toContainText('Care inbox');
});

test('with the server gone, the tab says so and changes nothing', async () => {
  await central.stop();
  await row(NUMBER).getByTestId('admin-channel-edit').click();
  const form = admin.getByRole('dialog', { name: 'Edit US support line' });
  await form.getByRole('textbox', { name: 'Display name' }).fill('Renamed offline');
  await form.getByTestId('admin-channel-save').click();
  await expect(form.getByTestId('admin-channel-error')).toHaveText(
    'You are offline — channel accounts need the server. Nothing was changed.',
  );
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(NUMBER)).toContainText('US support line');
  await row(NUMBER).getByTestId('admin-channel-test').click();
  await expect(row(NUMBER).getByTestId('admin-channel-result')).toHaveText(
    'You are offline — channel accounts need the server.',
  );
});
