// Automatic routing: a team's settings (what leads and admins edit) and the reason a routed
// conversation carries, which every tier reads. The server decides (server/services/routing/).
import { z } from 'zod';
import { Channel } from './channels';
import { LANGUAGES } from '../suggest/language';

export const ROUTING_MODES = ['manual', 'round_robin', 'fewest_open'] as const;
/** `manual`: nothing is routed; `round_robin`: the next rep in turn; `fewest_open`: the least loaded rep. */
export const RoutingMode = z.enum(ROUTING_MODES);
export type RoutingMode = z.infer<typeof RoutingMode>;

/** A product line a conversation is about: known from a `product:<line>` tag on it. */
export const ProductLine = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9 _-]{0,39}$/, 'A product line is 1–40 letters, digits, spaces, _ or -');
export const PRODUCT_TAG_PREFIX = 'product:';

const Capacity = z.number().int().min(1).max(1000);

/** One rep's capacity and skills in a team. An empty skill list means no restriction. */
export const RepRouting = z.object({
  userId: z.string().min(1).max(128),
  /** Most open conversations at once; null: the team's default. */
  maxOpen: Capacity.nullable(),
  languages: z.array(z.enum(LANGUAGES)).max(LANGUAGES.length),
  channels: z.array(Channel).max(20),
  productLines: z.array(ProductLine).max(50),
});
export type RepRouting = z.infer<typeof RepRouting>;

/** A team's routing settings (GET/PUT `/api/teams/:id/routing`). */
export const RoutingSettings = z
  .object({
    mode: RoutingMode,
    /** Each rep's most open conversations at once, unless their own says otherwise; null: no limit. */
    maxOpen: Capacity.nullable(),
    /** Each rep's most open conversations on one channel; a channel not named has no limit of its own. */
    channelMaxOpen: z.partialRecord(Channel, Capacity),
    /** A rep offline this long has their open conversations returned to the queue; null: never. */
    offlineReturnMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .nullable(),
    reps: z.array(RepRouting).max(500),
  })
  .strict()
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    for (const [index, rep] of settings.reps.entries()) {
      if (seen.has(rep.userId)) {
        ctx.addIssue({ code: 'custom', path: ['reps', index, 'userId'], message: `${rep.userId} is listed twice` });
      }
      seen.add(rep.userId);
    }
  });
export type RoutingSettings = z.infer<typeof RoutingSettings>;

/** What a team without settings has: nothing is routed. */
export const DEFAULT_ROUTING: RoutingSettings = {
  mode: 'manual',
  maxOpen: null,
  channelMaxOpen: {},
  offlineReturnMinutes: null,
  reps: [],
};

/** Why routing passed a rep over. */
export const SkipReason = z.enum([
  'away',
  'offline',
  'at_capacity',
  'channel_at_capacity',
  'missing_language',
  'missing_channel',
  'missing_product_line',
]);
export type SkipReason = z.infer<typeof SkipReason>;

const Millis = z.number().int().nonnegative();

/**
 * Why a conversation is with whom (sync protocol 13 on, optional on the conversation): routing gave
 * it to its assignee (the mode, how many open conversations they had, who was passed over and why),
 * or returned it to the queue because its rep was offline too long. A person's assignment clears it.
 */
export const AssignedReason = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('routed'),
    at: Millis,
    mode: z.enum(['round_robin', 'fewest_open']),
    /** The assignee's open conversations before this one. */
    open: z.number().int().nonnegative(),
    skipped: z.array(z.object({ userId: z.string(), why: SkipReason })).max(50),
  }),
  z.object({
    kind: z.literal('returned'),
    at: Millis,
    fromUserId: z.string(),
    offlineMinutes: z.number().int().nonnegative(),
  }),
]);
export type AssignedReason = z.infer<typeof AssignedReason>;

const SKIP_WORDS: Record<SkipReason, string> = {
  away: 'away',
  offline: 'offline',
  at_capacity: 'at capacity',
  channel_at_capacity: 'at capacity on this channel',
  missing_language: 'does not speak the language',
  missing_channel: 'does not work this channel',
  missing_product_line: 'does not cover this product line',
};

const MODE_WORDS = { round_robin: 'round robin', fewest_open: 'fewest open' } as const;

/**
 * The reason in words, e.g. "Assigned by routing: fewest open (3), skipped Ana: away".
 * `name` answers a user's name (null: unknown, shown as "a rep").
 */
export function describeAssignedReason(reason: AssignedReason, name: (userId: string) => string | null): string {
  const who = (id: string) => name(id) ?? 'a rep';
  if (reason.kind === 'returned') {
    return `Returned to the queue by routing: ${who(reason.fromUserId)} was offline for ${reason.offlineMinutes} min`;
  }
  // One clause per reason, in the order first met; more than three names become a count.
  const byWhy = new Map<SkipReason, string[]>();
  for (const skip of reason.skipped) byWhy.set(skip.why, [...(byWhy.get(skip.why) ?? []), who(skip.userId)]);
  const skipped = [...byWhy].map(
    ([why, names]) => `${names.length > 3 ? `${names.length} reps` : names.join(', ')}: ${SKIP_WORDS[why]}`,
  );
  const head = `Assigned by routing: ${MODE_WORDS[reason.mode]} (${reason.open})`;
  return skipped.length > 0 ? `${head}, skipped ${skipped.join('; ')}` : head;
}

/** The product line a conversation's tags name (`product:<line>`), if any. */
export function productLineOf(tags: readonly string[]): string | null {
  const tag = tags.find((t) => t.startsWith(PRODUCT_TAG_PREFIX));
  const line = tag?.slice(PRODUCT_TAG_PREFIX.length).trim();
  return line ? line : null;
}
