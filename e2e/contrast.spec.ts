import { expect, test } from '@playwright/test';
import { lowContrastTexts } from './fixtures/contrast';
import { startWebApp, type WebApp } from './fixtures/web-app';
import { AppPage } from './pages/app-page';

// WCAG 2.1 AA: text needs a contrast ratio of at least 4.5:1 against what is behind it. This reads every
// visible text on the inbox, a conversation and the customer panel, as Chromium draws them, in both schemes.
const AA = 4.5;
const REP = { email: 'rep01@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

test('every text meets WCAG AA contrast, in the light and the dark scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  const ui = new AppPage(page);
  await ui.signIn(REP.email, REP.password);
  await expect(ui.inboxRows.first()).toBeVisible();
  // Colours are read when drawn, not halfway through a transition from the other scheme.
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
  await ui.inboxRows.first().click();
  await expect(page.getByTestId('customer-panel').getByRole('heading').first()).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    expect({ scheme, low: await lowContrastTexts(page, AA) }).toEqual({ scheme, low: [] });
  }
});
