import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { lowContrastTexts } from './fixtures/contrast';
import { sendInbound, serverSignIn } from './fixtures/server-client';
import { startTeamApps } from './fixtures/team-apps';
import type { TeamApps } from './fixtures/team-apps';
import { RepPage } from './pages/rep-page';

// A lead gives the Orders team its own service levels — open every day, round the clock, five
// minutes to a first reply on SMS, normal or high priority — and a rep's timer for a new SMS counts down from five minutes;
// back on the defaults, it no longer does.
const PASSWORD = 'caredesk-demo';
const LEAD = 'lead01@northwind.example';
const ANA = 'rep01@northwind.example';

let team: TeamApps<RepPage>;
let lead: Page;
let ana: RepPage;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  team = await startTeamApps(browser, (page) => new RepPage(page), [LEAD, ANA]);
  const [leadWindow, anaWindow] = team.windows as [RepPage, RepPage];
  lead = leadWindow.page;
  ana = anaWindow;
});

test.afterAll(async () => {
  await team?.stop();
});

const settings = () => lead.getByTestId('sla-settings');

/** Light and dark screenshots of the lead's screen; every text must read at WCAG AA in both. */
async function shoot(name: string): Promise<void> {
  await lead.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  for (const scheme of ['light', 'dark'] as const) {
    await lead.emulateMedia({ colorScheme: scheme });
    await expect(lead.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await lead.screenshot({ path: `test-results/sla-${name}-${scheme}.png` });
    const low = await lowContrastTexts(lead, 4.5, '.mantine-Notifications-root');
    expect({ scheme, low }).toEqual({ scheme, low: [] });
  }
  await lead.emulateMedia({ colorScheme: 'light' });
}

test("a lead sets a team's calendar and targets; a rep's timer follows them", async () => {
  await lead.getByTestId('console-toggle').click();
  await lead.getByTestId('console-sla-tab').click();
  await expect(settings()).toBeVisible();
  // New conversations land in Orders & Delivery.
  await settings().getByLabel('Team', { exact: true }).click();
  await lead.getByRole('option', { name: 'Orders & Delivery' }).click();
  await expect(lead.getByTestId('sla-source')).toHaveText('Default service levels');
  await expect(lead.getByTestId('sla-save')).toBeDisabled();

  // A day that closes before it opens is refused in words, before anything is sent.
  await lead.getByTestId('sla-opens').fill('18:00');
  await lead.getByTestId('sla-closes').fill('09:00');
  await expect(lead.getByTestId('sla-problem')).toContainText('A working day closes after it opens');
  await expect(lead.getByTestId('sla-save')).toBeDisabled();

  // Round the clock, every day, in New York; five minutes to a first reply on SMS.
  await lead.getByTestId('sla-opens').fill('00:00');
  await lead.getByTestId('sla-closes').fill('23:59');
  for (const day of ['Sat', 'Sun']) await settings().getByText(day, { exact: true }).click();
  const zone = lead.getByTestId('sla-time-zone');
  await zone.fill('New_York');
  await lead.getByRole('option', { name: 'America/New_York' }).click();
  await lead.getByLabel('First response, SMS, normal').fill('5');
  // An unhappy customer is high priority: the same five minutes there.
  await settings().getByText('High', { exact: true }).click();
  await lead.getByLabel('First response, SMS, high').fill('5');
  await expect(lead.getByTestId('sla-problem')).toHaveCount(0);
  await lead.getByTestId('sla-save').click();
  await expect(lead.getByText('Service levels of Orders & Delivery are saved')).toBeVisible();
  // The team's change comes back through sync to the lead's own engine too.
  await expect(lead.getByTestId('sla-source')).toHaveText('Own service levels');
  await expect(settings()).toContainText('Mon, Tue, Wed, Thu, Fri, Sat, Sun 00:00–23:59, America/New_York');
  await shoot('settings');

  const { token } = await serverSignIn(team.central.url, LEAD, PASSWORD);
  const { conversationId } = await sendInbound(team.central.url, token, {
    channel: 'sms',
    from: '+14155550188',
    name: 'Dana Ortiz',
    body: 'Hi, my order has not arrived yet',
  });
  const badge = ana.row(conversationId).getByTestId('sla-badge');
  await expect(badge).toHaveAttribute('aria-label', /^First reply due in [3-5]m$/);

  // Back on the defaults (an hour, or the next business morning), the five minutes are gone.
  await lead.getByTestId('sla-reset').click();
  await expect(lead.getByTestId('sla-source')).toHaveText('Default service levels');
  await expect(badge).not.toHaveAttribute('aria-label', /^First reply due in [3-5]m$/);
  await expect(badge).toHaveAttribute('aria-label', /^First reply due in \d+[mhd]$/);
});
