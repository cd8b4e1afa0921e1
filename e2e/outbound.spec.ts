import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startProviderDouble } from '../server/channels/provider-double';
import type { ProviderDouble } from '../server/channels/provider-double';
import { twilioSignature } from '../server/channels/twilio/signature';
import { startCentralServer, startWebApp } from './fixtures/web-app';
import type { CentralServer, WebApp } from './fixtures/web-app';
import { AppPage } from './pages/app-page';

const REP = { email: 'rep01@northwind.example', password: 'caredesk-demo' };
const PUBLIC_URL = 'https://care.example.com';
const AUTH_TOKEN = 'test_auth_token';
const ACCOUNT_SID = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const BRAND_NUMBER = '+14155550100';
const CUSTOMER = '+14155550177';

let twilio: ProviderDouble;
let server: CentralServer;
let app: WebApp;
let sent = 0;

/** Posts a form to the server signed as Twilio signs it (over the public URL it was configured with). */
async function postSignedByTwilio(path: string, params: Record<string, string>): Promise<void> {
  const body = new URLSearchParams(params).toString();
  const signature = twilioSignature(AUTH_TOKEN, PUBLIC_URL + path, [...new URLSearchParams(body)]);
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body,
  });
  expect(res.status, `${path} answered ${res.status}`).toBeLessThan(300);
}

/** Opens the browser app as the rep (signing in unless the app already is) and the conversation showing `text`. */
async function openConversationWith(page: Page, text: string): Promise<AppPage> {
  await page.goto(app.url);
  const ui = new AppPage(page);
  const signIn = page.getByTestId('signin-email');
  await expect(signIn.or(ui.inboxRows.first())).toBeVisible();
  if (await signIn.isVisible()) await ui.signIn(REP.email, REP.password);
  await ui.showAllNewestFirst();
  const row = ui.inboxRows.filter({ hasText: text });
  await expect(row).toHaveCount(1);
  await ui.openConversation((await row.getAttribute('data-conversation-id')) ?? '');
  return ui;
}

test.beforeAll(async () => {
  // Twilio's Messages resource, answering 201 with a new sid for each message (channels.md §1.5).
  twilio = await startProviderDouble((request) => {
    const form = new URLSearchParams(request.body);
    return {
      status: 201,
      body: {
        sid: `SM${String(++sent).padStart(32, '0')}`,
        status: 'queued',
        to: form.get('To'),
        from: form.get('From'),
        body: form.get('Body'),
      },
    };
  });
  server = await startCentralServer({
    CAREDESK_PUBLIC_URL: PUBLIC_URL,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_API_URL: twilio.url,
  });
  app = await startWebApp({ server: server.url });
});

test.afterAll(async () => {
  await app?.stop();
  await server?.stop();
  server?.remove();
  await twilio?.close();
});

test('a reply to an SMS goes out through Twilio and shows Delivered once Twilio reports it', async ({ page }) => {
  const question = `Has my parcel left yet? (${Date.now()})`;
  await postSignedByTwilio('/webhooks/twilio/sms', {
    MessageSid: `SMin${Date.now()}`,
    AccountSid: ACCOUNT_SID,
    From: CUSTOMER,
    To: BRAND_NUMBER,
    Body: question,
    NumMedia: '0',
  });

  const ui = await openConversationWith(page, question);

  const answer = `It left the warehouse this morning (${Date.now()}).`;
  await ui.reply(answer);
  const [request] = await twilio.waitFor(1);
  expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
  expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
    To: CUSTOMER,
    From: BRAND_NUMBER,
    Body: answer,
    StatusCallback: `${PUBLIC_URL}/webhooks/twilio/status`,
  });

  const reply = ui.conversation.locator('[data-testid="message"][data-direction="outbound"]', { hasText: answer });
  await expect(reply).toHaveAttribute('data-status', 'sent');
  const sid = `SM${String(sent).padStart(32, '0')}`;
  await postSignedByTwilio('/webhooks/twilio/status', {
    SmsSid: sid,
    SmsStatus: 'delivered',
    MessageStatus: 'delivered',
    To: CUSTOMER,
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: BRAND_NUMBER,
    ApiVersion: '2010-04-01',
  });
  await expect(reply).toHaveAttribute('data-status', 'delivered');
  await expect(reply.getByText('Delivered')).toBeVisible();
  expect(twilio.received).toHaveLength(1);
});

test('a photo and a card sent by MMS show in the thread, each opening where Twilio keeps it', async ({ page }) => {
  const question = `This came broken, see the photo (${Date.now()})`;
  const media = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${Date.now()}/Media`;
  await postSignedByTwilio('/webhooks/twilio/sms', {
    MessageSid: `MMin${Date.now()}`,
    AccountSid: ACCOUNT_SID,
    From: CUSTOMER,
    To: BRAND_NUMBER,
    Body: question,
    NumMedia: '2',
    MediaUrl0: `${media}/ME0`,
    MediaContentType0: 'image/jpeg',
    MediaUrl1: `${media}/ME1`,
    MediaContentType1: 'text/vcard',
  });

  const ui = await openConversationWith(page, question);
  const message = ui.conversation.locator('[data-testid="message"][data-direction="inbound"]', { hasText: question });
  const attachments = message.getByTestId('attachment');
  await expect(attachments).toHaveCount(2);
  await expect(attachments.nth(0)).toHaveAttribute('data-kind', 'photo');
  await expect(attachments.nth(0)).toContainText('Photo');
  await expect(attachments.nth(0)).toContainText('image/jpeg');
  await expect(attachments.nth(0).getByRole('link')).toHaveAttribute('href', `${media}/ME0`);
  await expect(attachments.nth(1)).toHaveAttribute('data-kind', 'file');
  await expect(attachments.nth(1).getByRole('link')).toHaveAttribute('href', `${media}/ME1`);
  // The photo is reachable from the keyboard, its focus ring visible.
  await attachments.nth(0).getByRole('link').focus();
  await expect(attachments.nth(0).getByRole('link')).toBeFocused();
  await message.screenshot({ path: test.info().outputPath('attachments.png') });
});

test('a reply Twilio refuses shows as failed with a Retry button, and Retry sends it again', async ({ page }) => {
  const question = `Can you change my address? (${Date.now()})`;
  await postSignedByTwilio('/webhooks/twilio/sms', {
    MessageSid: `SMin${Date.now()}`,
    AccountSid: ACCOUNT_SID,
    From: '+14155550178',
    To: BRAND_NUMBER,
    Body: question,
    NumMedia: '0',
  });
  const ui = await openConversationWith(page, question);

  const before = twilio.received.length;
  twilio.queue({
    status: 400,
    body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 },
  });
  const answer = `Done, the new address is on the order (${Date.now()}).`;
  await ui.reply(answer);
  const reply = ui.conversation.locator('[data-testid="message"][data-direction="outbound"]', { hasText: answer });
  await expect(reply).toHaveAttribute('data-status', 'failed');
  // The provider's own words reach the rep's thread (kept in the engine's cache).
  await expect(reply.getByTestId('failure-reason')).toContainText('Attempt to send to unsubscribed recipient');
  const retry = reply.getByRole('button', { name: 'Send this reply again' });
  await expect(retry).toBeVisible();

  await retry.click();
  await expect(reply).toHaveAttribute('data-status', 'sent');
  const sentTo = twilio.received.slice(before).map((request) => new URLSearchParams(request.body).get('To'));
  expect(sentTo).toEqual(['+14155550178', '+14155550178']);
});
