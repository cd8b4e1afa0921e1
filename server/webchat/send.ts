import type { ChannelSender } from '../channels/outbound';
import type { VisitorLine } from '../db/webchat';

/**
 * Replies on web chat go to the visitor's chat windows over the `/webchat` namespace (every server
 * process, through the socket.io adapter). A visitor with no window open reads it in their thread
 * when they come back: the reply is sent either way, and its id is what their window reports as
 * `delivered` and `read`.
 */
export function webchatSender(
  push: (visitorId: string, line: VisitorLine) => void,
  clock: () => number,
): ChannelSender {
  return {
    name: 'Web chat',
    carries: (channel) => channel === 'webchat',
    unconfigured: () => null,
    accountless: true,
    send: (reply, route) => {
      push(route.recipient, { id: reply.messageId, from: 'brand', body: reply.body, at: clock(), status: 'sent' });
      return Promise.resolve({ ok: true, providerMessageId: reply.messageId });
    },
  };
}
