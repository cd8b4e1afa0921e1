import { z } from 'zod';

/**
 * A customer the organisation's records hold whom a conversation's messages point at: the sender
 * quoted their order number, tracking number, email or phone. The rep confirms (a `link`) or
 * rejects it (`rejectLink`); a rejected one stays, so the same customer is not suggested again.
 */
export const LinkEvidenceKind = z.enum(['order', 'tracking', 'email', 'phone']);
export type LinkEvidenceKind = z.infer<typeof LinkEvidenceKind>;

export const LinkEvidence = z.object({
  kind: LinkEvidenceKind,
  /** As stored in the record: "#1042", a tracking number, an address, an E.164 number. */
  value: z.string().max(320),
  /** The message it was found in. */
  messageId: z.string().min(1).max(128),
});
export type LinkEvidence = z.infer<typeof LinkEvidence>;

export const LinkSuggestion = z.object({
  customerId: z.string().min(1).max(128),
  /** The customer's name when suggested (they may not be in the rep's cache). */
  customerName: z.string().max(200),
  /** 0..1, from the evidence (`linkConfidence`). */
  confidence: z.number().min(0).max(1),
  evidence: z.array(LinkEvidence).max(20),
  state: z.enum(['open', 'rejected']),
  suggestedAt: z.number().int().nonnegative(),
});
export type LinkSuggestion = z.infer<typeof LinkSuggestion>;

/**
 * How much one piece of evidence says the sender is that customer. Anyone may quote an order or a
 * tracking number (a gift, a partner's parcel); an email or phone written in the message is the
 * sender's own more often than not.
 */
export const EVIDENCE_WEIGHT: Record<LinkEvidenceKind, number> = {
  order: 0.7,
  tracking: 0.7,
  email: 0.8,
  phone: 0.8,
};

/** Independent pieces of evidence, each distinct value counted once: 1 − Π(1 − weight). */
export function linkConfidence(evidence: readonly Pick<LinkEvidence, 'kind' | 'value'>[]): number {
  const distinct = new Map(evidence.map((item) => [`${item.kind}:${item.value}`, item.kind]));
  let doubt = 1;
  for (const kind of distinct.values()) doubt *= 1 - EVIDENCE_WEIGHT[kind];
  return Math.round((1 - doubt) * 1000) / 1000;
}

/**
 * Automatic linking of a new sender happens at or above this confidence: two independent pieces
 * (an order number and an email, 0.94), never one alone. The server reads it from
 * `CAREDESK_AUTO_LINK_CONFIDENCE`; above 1 turns automatic linking off.
 */
export const DEFAULT_AUTO_LINK_CONFIDENCE = 0.9;

/** Evidence in a rep's words: "order #1042", "email ana@example.com". */
export function describeEvidence(item: Pick<LinkEvidence, 'kind' | 'value'>): string {
  return `${EVIDENCE_LABELS[item.kind]} ${item.value}`;
}

const EVIDENCE_LABELS: Record<LinkEvidenceKind, string> = {
  order: 'order',
  tracking: 'tracking number',
  email: 'email',
  phone: 'phone',
};

/** The suggestions a rep is shown: open ones for another customer than the conversation's, strongest first. */
export function openLinkSuggestions(conversation: {
  customerId: string;
  linkSuggestions?: readonly LinkSuggestion[];
}): LinkSuggestion[] {
  return (conversation.linkSuggestions ?? [])
    .filter((suggestion) => suggestion.state === 'open' && suggestion.customerId !== conversation.customerId)
    .sort((a, b) => b.confidence - a.confidence || a.customerId.localeCompare(b.customerId));
}
