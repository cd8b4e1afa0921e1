import type { ConversationSummary } from '../../../../shared/api';
import { useUiStore } from '../../state/ui';

/** Whether the platform can show notifications at all. */
export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/**
 * A notification for a new conversation or a new inbound message (only once the rep allowed
 * them); clicking it brings the window forward and opens the conversation.
 */
export function notifyNewInbound(conversation: ConversationSummary, isNew: boolean): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  const name = conversation.customerName.trim() || conversation.customerHandle;
  const notification = new Notification(isNew ? `New conversation: ${name}` : `New message from ${name}`, {
    body: conversation.lastMessagePreview,
    tag: `conversation-${conversation.id}`,
  });
  notification.onclick = () => {
    window.focus();
    const ui = useUiStore.getState();
    ui.setView('inbox');
    ui.selectConversation(conversation.id);
    notification.close();
  };
}
