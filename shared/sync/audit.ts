import { z } from 'zod';
import type { Channel } from '../domain/channels';
import { storableText } from './text';

/**
 * The server's audit log: one append-only row per entity a change touched, written in the same
 * transaction (or statement) as the change. It holds identifiers and field values only — never
 * message bodies, notes' text, names, emails or phone numbers — so erasing a customer never has
 * to rewrite it. Leads and admins read it with the `lookup:audit` lookup (lookups.ts).
 */

/** Who made a change: a user id, the server itself, or the channel provider that delivered it. */
export const SYSTEM_ACTOR = 'system';
export function providerActor(channel: Channel): string {
  return `provider:${channel}`;
}

/**
 * What made a change when no rep action did (a rep action's type is its action type, e.g.
 * `assign`): a customer wrote in, a channel reported a message's delivery, a snooze ended, a team
 * or user was created, an admin changed a user (name, role, refund limit, active) or renamed a team, a membership changed, a conversation or order was written by an import,
 * an operator edited a record directly, the demo organisation was loaded, customer records were
 * imported (`npm run import`), an admin erased a customer (the one row kept of everything erased),
 * a satisfaction survey was sent, a lead changed a team's settings (its survey question),
 * routing assigned a conversation, or returned one to the queue because its rep was offline too long,
 * or an admin added, changed or removed a channel account (entity `channel_account`), or a
 * connected store (Shopify) made, refused or never answered an order action's change (`store_write`).
 */
export const SYSTEM_AUDIT_TYPES = [
  'inbound',
  'delivery_status',
  'snooze_ended',
  'team_created',
  'user_created',
  'user_updated',
  'team_renamed',
  'membership',
  'conversation_created',
  'order_synced',
  'operator_edit',
  'demo_load',
  'crm_import',
  'erasure',
  'csat_survey',
  'team_settings',
  'routing',
  'routing_return',
  'channel_account_created',
  'channel_account_updated',
  'channel_account_removed',
  'store_write',
] as const;
export type SystemAuditType = (typeof SYSTEM_AUDIT_TYPES)[number];

/**
 * The kinds of entity a change (and so an audit row) names: the change kinds of protocol.ts, and
 * for a `delete` the kind of entity it removed (an identity is named only by its deletion).
 */
export const AuditEntityKind = z.enum([
  'team',
  'user',
  'customer',
  'identity',
  'order',
  'conversation',
  'message',
  'note',
  'revoke',
  'resolution',
  'channel_account',
]);
export type AuditEntityKind = z.infer<typeof AuditEntityKind>;

const Fields = z.record(z.string(), z.unknown());

export const AuditEntry = z.object({
  /** Increases with every row; pages continue below it. */
  id: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  actor: z.string(),
  /** An action type or a SystemAuditType; a newer server may write others. */
  type: z.string(),
  entity: z.object({ kind: z.string(), id: z.string() }),
  /** The audited fields that changed, as they were; null when the change created the entity. */
  before: Fields.nullable(),
  /** The audited fields that changed, as they became (every audited field when created). */
  after: Fields,
  /** The rep action that made the change, if one did. */
  actionId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const Text = storableText(z.string().trim().min(1).max(128));
const Millis = z.number().int().nonnegative();

/** Every filter is optional; the entries come newest first, `limit` at a time. */
export const AuditQuery = z
  .object({
    entity: z.object({ kind: AuditEntityKind, id: Text }).optional(),
    /** A user id, `system` or `provider:<channel>`. */
    actor: Text.optional(),
    type: Text.optional(),
    /** The rep action that wrote the rows (a merge's id is its link's action id; protocol 9 on). */
    actionId: Text.optional(),
    /** Inclusive bounds on `at`. */
    from: Millis.optional(),
    to: Millis.optional(),
    /** The `next` of the previous page. */
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    message: '`from` must not be after `to`.',
    path: ['from'],
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` for the next (older) page; null when this was the last. */
  next: z.number().int().positive().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
