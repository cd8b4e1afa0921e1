import type { RejectedAction } from '../../../shared/api';

/**
 * The words of one notice for refusals that arrived together: one refusal is named with its
 * reason; several share one notice, with the reason when they all have the same one.
 */
export function rejectionNotice(batch: readonly RejectedAction[]): { title: string; message: string } | null {
  const [first] = batch;
  if (!first) return null;
  if (batch.length === 1) return { title: `Not applied: ${first.summary}`, message: first.reason };
  const reasons = new Set(batch.map((item) => item.reason));
  return {
    title: `${batch.length} changes not applied`,
    message:
      reasons.size === 1
        ? `${first.reason} The list in the header has each change.`
        : 'The list in the header has each change and why.',
  };
}
