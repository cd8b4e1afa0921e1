/**
 * What a provider said about an inbound message beyond its text (migration 007): written with the
 * message by `insertMessage` (messages.ts), in the same statement.
 */
export interface InboundDetails {
  /** The brand's account the message reached (a number, a page, an address). */
  account: string;
  /** The customer's identity it came from (migration 020): replies go back to it. */
  identityId: string | null;
  kind: 'direct' | 'mention';
  sentAt: number | null;
  subject: string | null;
  thread: Record<string, string | string[]>;
  media: ReadonlyArray<{
    url: string | null;
    providerMediaId: string | null;
    contentType: string;
    size: number | null;
    filename: string | null;
  }>;
}
