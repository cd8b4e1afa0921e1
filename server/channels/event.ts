import type { Channel } from '../../shared/domain/channels';
import type { MessageStatus } from '../../shared/domain/entities';

/** A picture, file or voice note kept by reference: Caredesk stores where it is, never its bytes. */
export interface MediaReference {
  /** Where the provider serves it (Twilio, Messenger); null when only an id or a name names it. */
  url: string | null;
  /** The provider's media id (WhatsApp Cloud API: fetched through the Graph API). */
  providerMediaId: string | null;
  contentType: string;
  /** Bytes, when the provider says. */
  size: number | null;
  /** The file name an email attachment came with. */
  filename: string | null;
}

/** What ties a message to earlier ones on its channel. */
export interface ThreadReferences {
  /** Email Message-ID, In-Reply-To and References (angle brackets kept). */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** X conversation id; the post a public mention replies to. */
  conversationId?: string;
  inReplyToPostId?: string;
}

/** One customer message from any provider, in Caredesk's words: what `receiveInbound` stores. */
export interface InboundEvent {
  channel: Channel;
  /** The brand's account it reached: a Twilio number, a WhatsApp phone number id, a page or IG id, an X user id, an email address. */
  account: string;
  sender: {
    /** How the provider keys the person: a phone number, an email address or the provider's user id. */
    id: string;
    /** Their handle on a provider-scoped channel (an X screen name), shown but never matched on. */
    handle: string | null;
    name: string | null;
  };
  /** When the provider says the person sent it (ms since the epoch). */
  sentAt: number | null;
  /** May be empty when media came instead. */
  body: string;
  media: MediaReference[];
  thread: ThreadReferences;
  kind: 'direct' | 'mention';
  /** The provider's id, unique per channel: a redelivery of it is stored once. */
  providerMessageId: string;
  /** Email subject. */
  subject: string | null;
}

/** A provider's report on a message Caredesk sent. */
export interface StatusEvent {
  channel: Channel;
  providerMessageId: string;
  status: Extract<MessageStatus, 'pending' | 'sent' | 'delivered' | 'read' | 'failed'>;
  at: number | null;
  /** With `failed`: the provider's code and words. */
  error: { code: string; text: string } | null;
}

/** Everything one webhook delivery carried; what Caredesk has no use for is named in `ignored` and logged. */
export interface WebhookOutcome {
  messages: InboundEvent[];
  statuses: StatusEvent[];
  ignored: string[];
}

export function outcome(parts: Partial<WebhookOutcome>): WebhookOutcome {
  return { messages: parts.messages ?? [], statuses: parts.statuses ?? [], ignored: parts.ignored ?? [] };
}
