/**
 * Every business rule a suggestion quotes: one object with defaults, so a reply never carries a
 * number the team did not choose. A team's own values replace these field by field.
 */
export interface SuggestPolicy {
  /** Days after delivery in which an item may be returned. */
  returnWindowDays: number;
  /** What a damaged or wrong item gets: a replacement sent at once, or the customer's choice of replacement or refund. */
  replacement: 'replace' | 'replace_or_refund';
  /** Whether a photo of the damage is asked for before a replacement goes out. */
  photoRequiredForDamage: boolean;
  /** Business days a refund takes to show on the customer's statement, as a range. */
  refundSettleDays: readonly [number, number];
  /** Hours within which a rep comes back with what they promised to find out. */
  followUpHours: number;
  /** Where customers start a return; null when labels are sent by email. */
  returnPortalUrl: string | null;
  /** Who signs emails. */
  signOff: string;
}

export const DEFAULT_POLICY: SuggestPolicy = {
  returnWindowDays: 30,
  replacement: 'replace_or_refund',
  photoRequiredForDamage: true,
  refundSettleDays: [5, 10],
  followUpHours: 24,
  returnPortalUrl: null,
  signOff: 'The Customer Care team',
};

export function withPolicy(overrides: Partial<SuggestPolicy> = {}): SuggestPolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}
