import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import type { Browser, BrowserContext } from '@playwright/test';
import { sendInbound, serverSignIn } from './fixtures/server-client';
import { startCentralServer, startWebApp } from './fixtures/web-app';
import type { CentralServer, WebApp } from './fixtures/web-app';
import { RepPage } from './pages/rep-page';

// Two reps of the Orders team; an admin posts the customers' messages.
const PASSWORD = 'caredesk-demo';
const ANA = 'rep01@northwind.example';
const BEN = 'rep02@northwind.example';
const ADMIN = 'admin@northwind.example';

/**
 * A TCP relay in front of the central server, so one rep's app can lose the server while the
 * other's keeps it: `cut()` drops every connection and refuses new ones, `restore()` listens again.
 */
interface Relay {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

async function startRelay(targetUrl: string): Promise<Relay> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const relay = createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => socket.destroy());
          socket.on('close', () => {
            sockets.delete(socket);
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      relay.once('error', reject);
      relay.listen(port, '127.0.0.1', () => {
        port = (relay.address() as AddressInfo).port;
        server = relay;
        resolve();
      });
    });
  const close = async () => {
    const closing = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await listen();
  return { url: `http://127.0.0.1:${port}`, cut: close, restore: listen, stop: close };
}

let central: CentralServer;
let relay: Relay;
let anaApp: WebApp;
let benApp: WebApp;
let contexts: BrowserContext[] = [];
let ana: RepPage;
let ben: RepPage;
let anaName: string;
let benName: string;
let adminToken: string;
/**
 * While held, Ana's window does not get the engine's inbox:changed events (her view goes stale);
 * released, it gets them all, late.
 */
const anaInbox = {
  holding: false,
  held: [] as string[],
  deliver: (_frame: string) => {},
  hold() {
    this.holding = true;
  },
  release() {
    this.holding = false;
    for (const frame of this.held.splice(0)) this.deliver(frame);
  },
  heldFor(conversationId: string): boolean {
    return this.held.some((frame) => frame.includes(conversationId));
  },
};

test.describe.configure({ mode: 'serial' });

async function openRep(browser: Browser, app: WebApp, email: string, hold = false): Promise<RepPage> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  if (hold) {
    await page.routeWebSocket(/\/api\?/, (ws) => {
      const engine = ws.connectToServer();
      anaInbox.deliver = (frame) => ws.send(frame);
      engine.onMessage((frame) => {
        const text = typeof frame === 'string' ? frame : frame.toString();
        if (anaInbox.holding && text.includes('"event":"inbox:changed"')) anaInbox.held.push(text);
        else ws.send(frame);
      });
    });
  }
  await page.goto(app.url);
  const rep = new RepPage(page);
  await rep.signIn(email, PASSWORD);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  await rep.showAllNewestFirst();
  return rep;
}

/** A customer writes in from a new number: a new conversation, top of both reps' inboxes. */
async function newConversation(from: string, body: string): Promise<string> {
  const { conversationId } = await sendInbound(central.url, adminToken, {
    channel: 'sms',
    from,
    body,
    name: 'Robin Vale',
  });
  return conversationId;
}

/** A phone number no demo customer has, new for each conversation of a run. */
const runBase = Date.now() % 9000;
let numberSeq = 0;
function freshNumber(): string {
  numberSeq += 1;
  return `+1 (628) 555-${String(1000 + ((runBase + numberSeq) % 9000)).padStart(4, '0')}`;
}

async function openInBoth(conversationId: string): Promise<void> {
  for (const rep of [ana, ben]) {
    await expect(rep.row(conversationId)).toBeVisible();
    await rep.openConversation(conversationId);
    await expect(rep.conversation).toHaveAttribute('data-conversation-id', conversationId);
  }
}

test.beforeAll(async ({ browser }) => {
  // Two servers, two browser hosts and two first syncs: more than one test's minute on a busy machine.
  test.setTimeout(180_000);
  central = await startCentralServer();
  relay = await startRelay(central.url);
  [anaApp, benApp] = await Promise.all([startWebApp({ server: central.url }), startWebApp({ server: relay.url })]);
  adminToken = (await serverSignIn(central.url, ADMIN, PASSWORD)).token;
  ana = await openRep(browser, anaApp, ANA, true);
  ben = await openRep(browser, benApp, BEN);
  anaName = await ana.userName();
  benName = await ben.userName();
});

test.afterAll(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  await Promise.all([anaApp?.stop(), benApp?.stop()]);
  await relay?.stop();
  await central?.stop();
  central?.remove();
});

test('two reps on one conversation see each other, and one sees the other typing', async () => {
  const conversationId = await newConversation(freshNumber(), `Where is my parcel? (${Date.now()})`);
  await openInBoth(conversationId);

  await expect(ana.viewers).toContainText(benName.split(' ')[0] ?? benName);
  await expect(ana.viewers).toHaveAttribute('aria-label', `${benName} is also viewing`);
  await expect(ben.viewers).toHaveAttribute('aria-label', `${anaName} is also viewing`);
  await expect(ana.row(conversationId).getByTestId('row-viewers')).toBeVisible();

  await ben.composer.click();
  await ben.page.keyboard.type('Checking with the warehouse', { delay: 30 });
  await expect(ana.typing).toHaveText(`${benName} is typing…`);
  await expect(ben.typing).toHaveCount(0);
  // A pause ends "typing" without a send.
  await expect(ana.typing).toHaveCount(0, { timeout: 10_000 });
  await ben.composer.fill('');

  // Ben moves on: Ana no longer sees him there.
  const other = await ben.inboxRows.nth(1).getAttribute('data-conversation-id');
  await ben.openConversation(other ?? '');
  await expect(ana.viewers).toHaveCount(0);
  await expect(ana.row(conversationId).getByTestId('row-viewers')).toHaveCount(0);
});

test('assigning, resolving, tagging and a note work from the keyboard and reach the other rep', async () => {
  const conversationId = await newConversation(freshNumber(), `My jacket arrived torn (${Date.now()})`);
  await openInBoth(conversationId);

  await ana.shortcut('a');
  await expect(ana.assignee).toHaveText(anaName);
  await expect(ben.assignee).toHaveText(anaName);

  // Resolving from the keyboard moves Ana on to the next conversation; she goes back to this one.
  await ana.shortcut('e');
  await expect(ben.status).toHaveText('Resolved');
  await expect(ana.row(conversationId)).toHaveAttribute('aria-selected', 'false');
  await ana.openConversation(conversationId);
  await expect(ana.status).toHaveAttribute('data-status', 'closed');

  await ana.shortcut('t');
  await expect(ana.tagsInput).toBeFocused();
  await ana.page.keyboard.type('Damaged');
  await ana.page.keyboard.press('Enter');
  await ana.page.keyboard.press('Escape');
  await expect(ana.tagPill('damaged')).toBeVisible();
  await expect(ben.tagPill('damaged')).toBeVisible();
  await expect(ben.row(conversationId).getByTestId('row-tags')).toContainText('damaged');

  const noteText = `Photos requested before a replacement (${Date.now()})`;
  await ana.shortcut('n');
  await expect(ana.noteInput).toBeFocused();
  await ana.page.keyboard.type(noteText);
  await ana.page.keyboard.press('Control+Enter');
  await expect(ana.noteInput).toHaveValue('');
  const benNote = ben.notes.filter({ hasText: noteText });
  await expect(benNote).toBeVisible();
  await expect(benNote).toContainText('Internal note');
  await expect(benNote).toContainText(anaName);
  await expect(benNote).not.toHaveAttribute('data-pending');
  await expect(ana.notes.filter({ hasText: noteText })).not.toHaveAttribute('data-pending');
  // A note is for the team: it never went out as a message.
  await expect(ben.messages.filter({ hasText: noteText })).toHaveCount(0);

  // Shift+A opens the assign menu: the conversation's team, not only the reps online or in the thread.
  await ana.shortcut('Shift+A');
  const option = ana.page.getByTestId('assign-option').filter({ hasText: benName });
  await expect(option).toBeVisible();
  expect(await ana.page.getByTestId('assign-option').count()).toBeGreaterThan(2);
  await ana.page.screenshot({ path: 'test-results/assign-menu.png', animations: 'disabled' });
  await option.focus();
  await ana.page.keyboard.press('Enter');
  await expect(ben.assignee).toHaveText(benName);

  await ana.shortcut('e');
  await expect(ben.status).toHaveText('Open');

  await ana.shortcut('s');
  await expect(ana.page.getByTestId('snooze-menu')).toBeVisible();
  await ana.page.locator('[data-testid="snooze-option"][data-preset="tomorrow"]').focus();
  await ana.page.keyboard.press('Enter');
  await expect(ben.status).toHaveAttribute('data-status', 'snoozed');
  await expect(ben.status).toContainText('Snoozed until tomorrow');
});

test('offline, a change waits; one the server refuses comes back with its reason until dismissed', async () => {
  const conversationId = await newConversation(freshNumber(), `Refund not received yet (${Date.now()})`);
  await openInBoth(conversationId);

  await relay.cut();
  await expect(ben.offlineBanner).toBeVisible();
  await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await expect(ana.offlineBanner).toHaveCount(0);

  // Ben tags it while offline, seeing it unassigned; meanwhile Ana takes it.
  await ben.shortcut('t');
  await ben.page.keyboard.type('refund');
  await ben.page.keyboard.press('Enter');
  await ben.page.keyboard.press('Escape');
  await expect(ben.tagPill('refund')).toBeVisible();
  await expect(ben.row(conversationId).getByTestId('row-pending')).toHaveText('1 pending');
  await expect(ben.offlineBanner).toContainText('1 waiting');
  await ana.shortcut('a');
  await expect(ana.assignee).toHaveText(anaName);

  await relay.restore();
  await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', {
    timeout: 30_000,
  });
  await expect(ben.offlineBanner).toHaveCount(0);
  const notice = ben.page.getByTestId('rejected-notification');
  await expect(notice).toContainText(anaName);
  await expect(ben.rejectedButton).toHaveText('1 change not applied');
  // Undone locally: the tag is gone and the conversation shows Ana's assignment.
  await expect(ben.tagPill('refund')).toHaveCount(0);
  await expect(ben.assignee).toHaveText(anaName);

  await ben.rejectedButton.click();
  const item = ben.rejectedItems.first();
  await expect(item).toContainText('refund');
  await expect(item.getByTestId('rejected-reason')).toContainText(anaName);
  await item.getByTestId('rejected-dismiss').click();
  await expect(ben.rejectedButton).toHaveCount(0);
});

test('a reply written before the newest customer message was seen asks first: send anyway, or review and keep it', async () => {
  const from = freshNumber();
  const conversationId = await newConversation(from, `Can I change my address? (${Date.now()})`);
  await openInBoth(conversationId);
  // The modal's root is a zero-size wrapper: its message is what shows.
  const dialog = ana.page.getByTestId('stale-message');
  const outbound = (text: string) =>
    ana.conversation.locator('[data-testid="message"][data-direction="outbound"]', { hasText: text });

  // The customer writes again; the engine has it (its event reached Ana's window and was held back).
  anaInbox.hold();
  const later = `Actually, it is 12 Elm St (${Date.now()})`;
  await sendInbound(central.url, adminToken, { channel: 'sms', from, body: later });
  await expect.poll(() => anaInbox.heldFor(conversationId)).toBe(true);

  const first = `Yes, send me the new one (${Date.now()})`;
  await ana.composer.fill(first);
  await ana.page.getByTestId('composer-send').click();
  await expect(dialog).toContainText(later);
  await ana.page.getByTestId('stale-send').click();
  await expect(dialog).toBeHidden();
  anaInbox.release();
  await expect(outbound(first)).toHaveAttribute('data-status', 'sent');
  await expect(ben.messages.filter({ hasText: first })).toBeVisible();

  // Again, but this time Ana reviews: the dialog's default, and her draft stays.
  anaInbox.hold();
  const third = `Or should I cancel? (${Date.now()})`;
  await sendInbound(central.url, adminToken, { channel: 'sms', from, body: third });
  await expect.poll(() => anaInbox.heldFor(conversationId)).toBe(true);
  const second = `Changed it to 12 Elm St (${Date.now()})`;
  await ana.composer.fill(second);
  await ana.page.keyboard.press('Control+Enter');
  await expect(dialog).toContainText(third);
  await expect(ana.page.getByTestId('stale-review')).toBeFocused();
  await ana.page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(ana.composer).toHaveValue(second);
  await expect(ana.messages.filter({ hasText: third })).toBeVisible();
  anaInbox.release();

  // Now her view is current: the reply goes without asking.
  await ana.page.getByTestId('composer-send').click();
  await expect(outbound(second)).toHaveAttribute('data-status', 'sent');
  await expect(dialog).toHaveCount(0);
});
