import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

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
