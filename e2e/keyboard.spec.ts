import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startWebApp } from './fixtures/web-app';
import type { WebApp } from './fixtures/web-app';
import { RepPage } from './pages/rep-page';

const REP = { email: 'rep02@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

/** Signed in, with the inbox loaded and nothing open yet. */
async function signedIn(page: Page): Promise<RepPage> {
  await page.goto(app.url);
  const ui = new RepPage(page);
  const signIn = page.getByTestId('signin-email');
  await expect(signIn.or(ui.inboxRows.first())).toBeVisible();
  if (await signIn.isVisible()) await ui.signIn(REP.email, REP.password);
  await expect(ui.inboxRows.nth(2)).toBeVisible();
  return ui;
}

async function rowId(ui: RepPage, index: number): Promise<string> {
  return (await ui.inboxRows.nth(index).getAttribute('data-conversation-id')) ?? '';
}

test('a remapped shortcut works at once and after the app restarts; a key in use is refused', async ({
  page,
  browser,
}) => {
  const ui = await signedIn(page);
  const [first, second] = [await rowId(ui, 0), await rowId(ui, 1)];

  // Keyboard settings from the user menu: give "Next conversation" the M key.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('open-keymap-settings').click();
  const settings = page.getByRole('dialog', { name: 'Keyboard settings' });
  const next = settings.locator('[data-testid="keymap-row"][data-command="inbox.next"]');
  await expect(next.getByTestId('keymap-keys')).toHaveText('J');

  // K is "Previous conversation": refused, saying so, and nothing changes.
  await next.getByTestId('keymap-change').click();
  await expect(next.getByTestId('keymap-change')).toHaveText('Press a key…');
  await page.keyboard.press('k');
  await expect(settings.getByTestId('keymap-error')).toHaveText(
    'K is already "Previous conversation". Change that one first, or choose another key.',
  );
  await expect(next.getByTestId('keymap-keys')).toHaveText('J');

  await next.getByTestId('keymap-change').click();
  await page.keyboard.press('m');
  await expect(next.getByTestId('keymap-keys')).toHaveText('M');
  await expect(settings.getByTestId('keymap-error')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // M moves now; J no longer does.
  await page.keyboard.press('m');
  await expect(ui.row(first)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(ui.row(first)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('m');
  await expect(ui.row(second)).toHaveAttribute('aria-selected', 'true');

  // "?" lists it with its new key.
  await page.keyboard.press('Shift+Slash');
  const help = page.getByTestId('shortcuts-dialog');
  await expect(help.locator('[data-command="inbox.next"] kbd')).toHaveText('M');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await page.close();

  // A fresh window on the same engine (the renderer starts over): the remap is still there.
  const context = await browser.newContext();
  const again = await context.newPage();
  const restarted = await signedIn(again);
  await expect(restarted.page.getByTestId('conversation-pane')).not.toHaveAttribute('data-conversation-id');
  await again.keyboard.press('m');
  await expect(restarted.row(first)).toHaveAttribute('aria-selected', 'true');
  await again.keyboard.press('m');
  await expect(restarted.row(second)).toHaveAttribute('aria-selected', 'true');

  // Reset to the default: J moves again.
  await again.getByTestId('user-menu').click();
  await again.getByTestId('open-keymap-settings').click();
  const row = again.locator('[data-testid="keymap-row"][data-command="inbox.next"]');
  await expect(row.getByTestId('keymap-keys')).toHaveText('M');
  await row.getByTestId('keymap-reset').click();
  await expect(row.getByTestId('keymap-keys')).toHaveText('J');
  await again.keyboard.press('Escape');
  await expect(again.getByRole('dialog', { name: 'Keyboard settings' })).toBeHidden();
  await again.keyboard.press('k');
  await expect(restarted.row(first)).toHaveAttribute('aria-selected', 'true');
  await again.keyboard.press('j');
  await expect(restarted.row(second)).toHaveAttribute('aria-selected', 'true');
  await context.close();
});

test('shortcuts follow the physical key when the layout types another letter (Russian)', async ({ page }) => {
  const ui = await signedIn(page);
  const [first, second] = [await rowId(ui, 0), await rowId(ui, 1)];
  const cdp = await page.context().newCDPSession(page);
  // What a Russian layout sends for the J, K and R keys: the Cyrillic letter, with the key's code.
  const press = async (code: string, key: string, keyCode: number) => {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', code, key, text: key, windowsVirtualKeyCode: keyCode });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', code, key, windowsVirtualKeyCode: keyCode });
  };

  await press('KeyJ', 'о', 74);
  await expect(ui.row(first)).toHaveAttribute('aria-selected', 'true');
  await press('KeyJ', 'о', 74);
  await expect(ui.row(second)).toHaveAttribute('aria-selected', 'true');
  await expect(ui.conversation).toHaveAttribute('data-conversation-id', second);
  await press('KeyK', 'л', 75);
  await expect(ui.row(first)).toHaveAttribute('aria-selected', 'true');
  await press('KeyR', 'к', 82);
  await expect(ui.composer).toBeFocused();
  // In the reply box the same key types its letter and runs nothing.
  await press('KeyJ', 'о', 74);
  await expect(ui.composer).toHaveValue('о');
  await expect(ui.row(first)).toHaveAttribute('aria-selected', 'true');
});

test('resolving from the keyboard opens the next conversation, and undo reopens it and goes back', async ({ page }) => {
  const ui = await signedIn(page);
  // Every status, so the resolved conversation stays in the list to be seen closed.
  await ui.showAllNewestFirst();
  // An open conversation and the one after it.
  await page.keyboard.press('j');
  while ((await ui.status.getAttribute('data-status')) !== 'open') await page.keyboard.press('j');
  const resolved = (await ui.conversation.getAttribute('data-conversation-id')) ?? '';
  const index = Number(await ui.row(resolved).getAttribute('data-index'));
  const next = await rowId(ui, index + 1);

  await page.keyboard.press('e');
  await expect(ui.row(next)).toHaveAttribute('aria-selected', 'true');
  await expect(ui.conversation).toHaveAttribute('data-conversation-id', next);
  await expect(ui.row(resolved).getByTestId('status-badge')).toHaveAttribute('data-status', 'closed');
  const undo = page.getByTestId('undo-resolve');
  await expect(undo).toBeVisible();
  await expect(undo).toHaveAttribute('aria-keyshortcuts', 'U');

  // The undo key: reopened, and back on it.
  await page.keyboard.press('u');
  await expect(ui.row(resolved)).toHaveAttribute('aria-selected', 'true');
  await expect(ui.status).toHaveAttribute('data-status', 'open');
  await expect(undo).toBeHidden();

  // The undo button does the same.
  await ui.focusThread();
  await page.keyboard.press('e');
  await expect(ui.row(next)).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('undo-resolve').click();
  await expect(ui.row(resolved)).toHaveAttribute('aria-selected', 'true');
  await expect(ui.status).toHaveAttribute('data-status', 'open');
});

test('the command palette finds a command by name, shows its key and runs it with Enter', async ({ page }) => {
  const ui = await signedIn(page);
  await page.keyboard.press('j');
  await expect(ui.conversation).toHaveAttribute('data-conversation-id', /.+/);

  await page.keyboard.press('Control+k');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await page.keyboard.type('internal note');
  const action = page.locator('[data-testid="palette-action"][data-command="composer.note"]');
  await expect(action).toBeVisible();
  await expect(action.locator('kbd')).toHaveText('N');
  await page.keyboard.press('Enter');
  await expect(ui.noteInput).toBeFocused();

  // Keyboard settings are in the palette too.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  // Typed only once the palette has the focus, and run only once it lists the command.
  await expect(input).toBeFocused();
  await page.keyboard.type('keyboard settings');
  await expect(page.locator('[data-testid="palette-action"][data-command="keymap.settings"]')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard settings' })).toBeVisible();
  // Behind the dialog, shortcuts stay quiet.
  const open = await ui.conversation.getAttribute('data-conversation-id');
  await page.keyboard.press('j');
  await expect(ui.conversation).toHaveAttribute('data-conversation-id', open ?? '');
});
