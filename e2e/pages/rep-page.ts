import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { AppPage } from './app-page';

/** One rep's window, with what they see of the team: presence, actions, notes, refused changes. */
export class RepPage extends AppPage {
  readonly header: Locator;
  readonly viewers: Locator;
  readonly typing: Locator;
  readonly assignee: Locator;
  readonly status: Locator;
  readonly tagsInput: Locator;
  readonly notes: Locator;
  readonly noteInput: Locator;
  readonly offlineBanner: Locator;
  readonly rejectedButton: Locator;
  readonly rejectedItems: Locator;
  readonly messages: Locator;

  constructor(page: Page) {
    super(page);
    this.header = this.conversation.locator('header');
    this.viewers = this.conversation.getByTestId('viewers');
    this.typing = this.conversation.getByTestId('typing-indicator');
    this.assignee = this.conversation.getByTestId('header-assignee');
    this.status = this.header.getByTestId('status-badge');
    this.tagsInput = this.conversation.getByTestId('tags-input');
    this.notes = this.conversation.getByTestId('note');
    this.noteInput = this.conversation.getByTestId('note-input');
    this.offlineBanner = page.getByTestId('offline-banner');
    this.rejectedButton = page.getByTestId('rejected-actions');
    this.rejectedItems = page.getByTestId('rejected-action');
    this.messages = this.conversation.getByTestId('message');
  }

  /** The signed-in rep's name, as the header shows it. */
  async userName(): Promise<string> {
    const name = this.page.getByTestId('signed-in-name');
    await expect(name).toBeVisible();
    return ((await name.textContent()) ?? '').trim();
  }

  row(conversationId: string): Locator {
    return this.page.locator(`[data-testid="inbox-row"][data-conversation-id="${conversationId}"]`);
  }

  /** Leaves any text field, so single-key shortcuts reach the window. */
  async focusThread(): Promise<void> {
    await this.conversation.getByRole('log').focus();
  }

  /** Presses a single-key shortcut with focus outside every text field. */
  async shortcut(key: string): Promise<void> {
    await this.focusThread();
    await this.page.keyboard.press(key);
  }

  tagPill(tag: string): Locator {
    return this.header.locator('.mantine-Pill-root', { hasText: tag });
  }
}
