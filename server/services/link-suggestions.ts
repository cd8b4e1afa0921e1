// What a message says about who sent it: the records it quotes become suggested links, or one automatic link.
import { normalizeEmail, normalizePhone } from '../../shared/domain/identity';
import { DEFAULT_AUTO_LINK_CONFIDENCE, describeEvidence, linkConfidence } from '../../shared/domain/link-suggestions';
import type { LinkEvidence, LinkSuggestion } from '../../shared/domain/link-suggestions';
import { extractTrackingNumbers } from '../../shared/suggest/entities';
import { extractEntities } from '../../shared/suggest/extract';
import type { EvidenceHit, EvidenceKeys } from '../db/link-evidence';

/** How inbound messages are matched to customers (StartServerOptions). */
export interface InboundMatching {
  /** Where national phone numbers are read. */
  region: string;
  /** A new sender is linked without asking at or above this confidence (above 1: never). */
  autoLinkConfidence: number;
}

/** Suggestions kept on one conversation; the oldest rejected ones give way first. */
const MAX_SUGGESTIONS = 20;
const MAX_EVIDENCE = 20;

/** The record keys a message's text names, in their stored forms. */
export function evidenceKeys(body: string, region: string, now: number): EvidenceKeys {
  const entities = extractEntities(body, [], now);
  // People type tracking numbers in lower case too ("1z999…"); they are stored in capitals, so they
  // are read once, from the capitalised text (which finds every one the text as typed holds).
  const tracking = extractTrackingNumbers(body.toUpperCase());
  const phones = entities.phones.map((phone) => normalizePhone(phone, region)).filter((p): p is string => p !== null);
  return {
    orderNumbers: [...new Set(entities.orderNumbers.flatMap((order) => [`#${order.digits}`, order.digits]))],
    trackingNumbers: [...new Set(tracking.map((t) => t.text.replace(/\s+/g, '')))],
    emails: [...new Set(entities.emails.map(normalizeEmail))],
    phones: [...new Set(phones)],
  };
}

/** Each customer the hits name, with its evidence and confidence, strongest first. */
export function candidates(hits: readonly EvidenceHit[], messageId: string): Candidate[] {
  const byCustomer = new Map<string, Candidate>();
  for (const hit of hits) {
    const candidate = byCustomer.get(hit.customerId) ?? {
      customerId: hit.customerId,
      customerName: hit.customerName,
      evidence: [],
      confidence: 0,
    };
    candidate.evidence.push({ kind: hit.kind, value: hit.value, messageId });
    byCustomer.set(hit.customerId, candidate);
  }
  return [...byCustomer.values()]
    .map((candidate) => ({ ...candidate, confidence: linkConfidence(candidate.evidence) }))
    .sort((a, b) => b.confidence - a.confidence || a.customerId.localeCompare(b.customerId));
}

export interface Candidate {
  customerId: string;
  customerName: string;
  evidence: LinkEvidence[];
  confidence: number;
}

/**
 * The one customer a new sender is linked to without asking: the strongest candidate when it
 * reaches the threshold and no other candidate does (two strong candidates are for the rep).
 */
export function automaticLink(found: readonly Candidate[], threshold: number): Candidate | null {
  const strong = found.filter((candidate) => candidate.confidence >= threshold);
  return strong.length === 1 ? (strong[0] ?? null) : null;
}

/** What an automatic link rests on, in words kept with the identity. */
export function automaticEvidence(candidate: Candidate, threshold: number): string {
  const named = candidate.evidence.map(describeEvidence).join(', ');
  return `The first message named ${named} (confidence ${candidate.confidence}, linked automatically at ${threshold} or more).`;
}

/**
 * The conversation's suggestions after a message's candidates: a customer already suggested
 * gains the new evidence (a rejected one stays rejected), a new one is added open, and the
 * conversation's own customer is never suggested.
 */
export function mergeSuggestions(
  existing: readonly LinkSuggestion[] | undefined,
  found: readonly Candidate[],
  customerId: string,
  now: number,
): LinkSuggestion[] | undefined {
  const relevant = found.filter((candidate) => candidate.customerId !== customerId);
  if (relevant.length === 0) return existing ? [...existing] : undefined;
  const merged = new Map((existing ?? []).map((suggestion) => [suggestion.customerId, suggestion]));
  for (const candidate of relevant) {
    const known = merged.get(candidate.customerId);
    const evidence = [...(known?.evidence ?? []), ...candidate.evidence]
      .filter((item, index, all) => all.findIndex((other) => sameEvidence(other, item)) === index)
      .slice(0, MAX_EVIDENCE);
    merged.set(candidate.customerId, {
      customerId: candidate.customerId,
      customerName: candidate.customerName,
      confidence: linkConfidence(evidence),
      evidence,
      state: known?.state ?? 'open',
      suggestedAt: known?.suggestedAt ?? now,
    });
  }
  // Open ones first, then the newest rejected, so a long conversation keeps what still matters.
  return [...merged.values()]
    .sort((a, b) => Number(a.state === 'rejected') - Number(b.state === 'rejected') || b.suggestedAt - a.suggestedAt)
    .slice(0, MAX_SUGGESTIONS);
}

function sameEvidence(a: LinkEvidence, b: LinkEvidence): boolean {
  return a.kind === b.kind && a.value === b.value;
}

/**
 * `CAREDESK_AUTO_LINK_CONFIDENCE`: a number from 0 to 1, or "off"; unset, the default. Anything else
 * is refused before the server starts, naming the variable.
 */
export function autoLinkFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_AUTO_LINK_CONFIDENCE;
  if (raw.trim().toLowerCase() === 'off') return Number.POSITIVE_INFINITY;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1)
    throw new Error(`CAREDESK_AUTO_LINK_CONFIDENCE must be a number above 0 and at most 1, or "off"; got "${raw}".`);
  return value;
}
