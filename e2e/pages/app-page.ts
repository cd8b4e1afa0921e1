import { expect } from '@playwright/test';
import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The Caredesk window as a rep sees it. */
export class AppPage {
  readonly inboxRows: Locator;
  readonly conversation: Locator;
  readonly customer: Locator;
  readonly composer: Locator;

  constructor(readonly page: Page) {
    this.inboxRows = page.getByTestId('inbox-row');
    this.conversation = page.getByTestId('conversation-pane');
    this.customer = page.getByTestId('customer-panel');
    this.composer = page.getByTestId('composer-input');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByTestId('signin-email').fill(email);
    await this.page.getByTestId('signin-password').fill(password);
    await this.page.getByTestId('signin-submit').click();
  }

  /**
   * Every conversation, newest activity first, instead of the default queue (open ones, longest
   * wait first), where a new conversation joins the end of the waiting ones.
   */
  async showAllNewestFirst(): Promise<void> {
    await this.pick('Status', 'Any status');
    await this.pick('Sort', 'Newest');
    // Out of the select, so single-key shortcuts reach the window again.
    await this.page.getByRole('combobox', { name: 'Sort', exact: true }).blur();
  }

  /** Chooses `option` in the inbox's `select` (Channel, Status, Intent, Sentiment, Sort). */
  async pick(select: string, option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: select, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
    await expect(this.page.getByRole('combobox', { name: select, exact: true })).toHaveValue(option);
  }

  async inboxTotal(): Promise<number> {
    const text = (await this.page.getByTestId('inbox-total').textContent()) ?? '';
    return Number(/\d[\d,]*/.exec(text)?.[0]?.replace(/,/g, '') ?? NaN);
  }

  async openConversation(conversationId: string): Promise<void> {
    await this.page.locator(`[data-testid="inbox-row"][data-conversation-id="${conversationId}"]`).click();
    await expect(this.conversation).toBeVisible();
  }

  async reply(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.page.getByTestId('composer-send').click();
  }
}

/**
 * A new window of the app at `url` in `context`, signed in as `email`, online, showing every
 * conversation newest first: `make` says which page model (AppPage, RepPage) it is.
 */
export async function signedInWindow<T extends AppPage>(
  make: (page: Page) => T,
  context: BrowserContext,
  url: string,
  email: string,
  password: string,
): Promise<T> {
  const page = await context.newPage();
  await page.goto(url);
  const window = make(page);
  await window.signIn(email, password);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online');
  await window.showAllNewestFirst();
  return window;
}
