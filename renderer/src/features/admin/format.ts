import type { Role } from '../../../../shared/domain/entities';
import { refundLimitOf } from '../../../../shared/domain/order-rules';

/** Filled buttons one shade darker than the theme's primary: white on indigo 6 reads 4.3:1, under WCAG AA. */
export const FILLED = 'indigo.7';

export const ROLE_LABELS: Record<Role, string> = { rep: 'Rep', lead: 'Team lead', admin: 'Admin' };
export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }));

/** Minor units as an amount in any currency (limits apply to the order's currency): 5000 → "50.00". */
export function formatLimit(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** What a user's refund limit is, said for the table: their own, or their role's default. */
export function describeLimit(role: Role, stored: number | null): string {
  const effective = refundLimitOf({ role }, stored);
  if (effective === null) return 'No limit';
  return stored === null ? `${formatLimit(effective)} (default)` : formatLimit(effective);
}

/** A typed amount ("75", "75.5", "") as minor units; '' is null (the role's default). */
export function limitFromInput(value: string | number): number | null {
  if (value === '' || value === null) return null;
  const amount = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(amount) && amount >= 0 ? Math.round(amount * 100) : null;
}
