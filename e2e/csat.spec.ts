import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { sendInbound, serverConversation, serverMessages, serverSignIn } from './fixtures/server-client';
import { startTeamApps } from './fixtures/team-apps';
import type { TeamApps } from './fixtures/team-apps';
import type { CentralServer } from './fixtures/web-app';
import { RepPage } from './pages/rep-page';

// A lead switches the Orders team's survey on; a rep resolves a conversation; the customer's score
// comes back and shows in the lead's console. Surveys go out at once here (no grace, a 1 s sweep).
const PASSWORD = 'caredesk-demo';
const LEAD = 'lead01@northwind.example';
const ANA = 'rep01@northwind.example';
const QUESTION = 'How did we do today? Reply 1 (poor) to 5 (great).';
const PHONE = '+14155550177';

let team: TeamApps<RepPage>;
let central: CentralServer;
let lead: Page;
let ana: RepPage;

test.describe.configure({ mode: 'serial' });

async function satisfactionTab(): Promise<void> {
  await lead.getByTestId('console-csat-tab').click();
  await expect(lead.getByTestId('csat-panel')).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  team = await startTeamApps(browser, (page) => new RepPage(page), [LEAD, ANA], {
    CAREDESK_CSAT_GRACE_SECONDS: '0',
    CAREDESK_SWEEP_SECONDS: '1',
  });
  central = team.central;
  const [leadWindow, anaWindow] = team.windows as [RepPage, RepPage];
  lead = leadWindow.page;
  ana = anaWindow;
});

test.afterAll(async () => {
  await team?.stop();
});

test('a lead switches a team survey on; no scores yet', async () => {
  await lead.getByTestId('console-toggle').click();
  await satisfactionTab();
  await expect(lead.getByTestId('csat-panel')).toContainText('No team sends a survey yet');
  await expect(lead.getByTestId('csat-responses')).toHaveText('0');
  await expect(lead.getByTestId('csat-reps')).toContainText('No answers in this range yet.');

  const orders = lead.getByTestId('csat-settings').locator('[data-testid^="csat-team-"]').first();
  await orders.getByRole('switch').check({ force: true });
  const question = orders.getByRole('textbox');
  await question.fill('');
  await expect(orders).toContainText('Write a question of 1 to 280 characters.');
  await expect(orders.getByRole('button', { name: 'Save' })).toBeDisabled();
  await question.fill(QUESTION);
  // Ctrl+Enter saves, like the composer sends.
  await question.press('Control+Enter');
  await expect(lead.getByText('asks this when resolving.')).toBeVisible();
  await expect(lead.getByTestId('csat-panel')).toContainText('0 surveys sent in the last 7 days.');
});

test('a resolved conversation gets the question; the score keeps it resolved and reaches the console', async () => {
  const { token } = await serverSignIn(central.url, LEAD, PASSWORD);
  const { conversationId } = await sendInbound(central.url, token, {
    channel: 'sms',
    from: PHONE,
    name: 'Priya Shah',
    body: 'Where is my parcel?',
  });
  // Ana takes it and resolves it, from the keyboard.
  await expect(ana.row(conversationId)).toBeVisible();
  await ana.openConversation(conversationId);
  await ana.shortcut('a');
  await expect(ana.assignee).toContainText(await ana.userName());
  await ana.shortcut('e');
  await expect(ana.row(conversationId).getByTestId('status-badge')).toHaveAttribute('data-status', 'closed');

  // The question goes out on the conversation's channel, once.
  await expect
    .poll(async () =>
      (await serverMessages(central.url, token, conversationId))
        .filter((message) => message.direction === 'outbound')
        .map((message) => message.body),
    )
    .toEqual([QUESTION]);

  await sendInbound(central.url, token, { channel: 'sms', from: PHONE, body: '5' });
  expect((await serverConversation(central.url, token, conversationId))?.status).toBe('closed');

  // The rep sees the survey and its answer in the thread.
  await ana.openConversation(conversationId);
  await expect(ana.conversation).toContainText(QUESTION);
  await expect(ana.messages.filter({ hasText: QUESTION })).toContainText('Automatic survey');
  await expect(ana.messages.last()).toContainText('5');
  await ana.page.screenshot({ path: 'test-results/csat-thread.png' });

  // The console asks the server again when the tab is shown.
  await lead.getByRole('tab', { name: 'Queue and trends' }).click();
  await satisfactionTab();
  await expect(lead.getByTestId('csat-responses')).toHaveText('1');
  await expect(lead.getByTestId('csat-average')).toHaveText('5.0');
  await expect(lead.getByTestId('csat-rate')).toHaveText('100 %');
  await expect(lead.getByTestId('csat-answer-rate')).toHaveText('100 %');
  const reps = lead.getByTestId('csat-reps');
  await expect(reps.getByRole('row')).toHaveCount(2);
  await expect(reps.getByRole('row').nth(1)).toContainText(await ana.userName());
  // The team's own figures, next to its survey.
  await expect(lead.getByTestId('csat-settings').locator('[data-testid^="csat-team-figures-"]').first()).toHaveText(
    '1 answer · 5.0 average · 100 % CSAT · 1 sent',
  );
  // Teams side by side: one bar, for the one team with an answer.
  await expect(lead.getByTestId('csat-team-chart').locator('.recharts-bar-rectangle path')).toHaveCount(1);
  await lead.emulateMedia({ colorScheme: 'light' });
  await lead.screenshot({ path: 'test-results/csat-console-light.png', fullPage: true });
  await lead.emulateMedia({ colorScheme: 'dark' });
  await lead.screenshot({ path: 'test-results/csat-console-dark.png', fullPage: true });
});
