import { z } from 'zod';
import { Conversation, Customer, Message, Note, Order, Team, User } from '../domain/entities';
import { ackOf } from './ack';

/**
 * The socket.io protocol between a desktop engine and the central server.
 *
 * Catch-up never relies on socket.io's own recovery: the server keeps a change log with a
 * monotonic sequence, and the engine pulls everything after its cursor. A `sync:poke` only says
 * "there is something new"; the engine answers it with a pull. Rep actions (actions.ts) carry a
 * client-chosen id that the server stores in the same transaction as their change.
 */
export const SYNC_PROTOCOL_VERSION = 2;

/** socket.io handshake `auth` payload. */
export const HandshakeAuth = z.object({
  token: z.string().min(1),
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/**
 * Each change replaces the whole entity it names (upsert by id). One object per kind, `meta`
 * inline: a flat discriminated union validates a page of changes several times faster than an
 * intersection of the two.
 */
const changeKinds = <Meta extends z.ZodRawShape>(meta: Meta) =>
  [
    z.object({ ...meta, kind: z.literal('team'), data: Team }),
    z.object({ ...meta, kind: z.literal('user'), data: User }),
    z.object({ ...meta, kind: z.literal('customer'), data: Customer }),
    z.object({ ...meta, kind: z.literal('order'), data: Order }),
    z.object({ ...meta, kind: z.literal('conversation'), data: Conversation }),
    z.object({ ...meta, kind: z.literal('message'), data: Message }),
    z.object({ ...meta, kind: z.literal('note'), data: Note }),
    /** The conversation left this user's view (another team took it): drop it from the cache. */
    z.object({ ...meta, kind: z.literal('revoke'), data: z.object({ id: z.string() }) }),
  ] as const;

export const ChangeData = z.discriminatedUnion('kind', changeKinds({}));
export type ChangeData = z.infer<typeof ChangeData>;

export const Change = z.discriminatedUnion(
  'kind',
  changeKinds({
    seq: z.number().int().positive(),
    /** The rep action that wrote this change (its outbox id), if any. */
    actionId: z.string().nullable().optional(),
  }),
);
export type Change = z.infer<typeof Change>;

export const PullRequest = z.object({
  /** The highest seq already applied; 0 for a first sync. */
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(5000).default(1000),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  changes: z.array(Change),
  /** Pass back as the next cursor. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const PullAck = ackOf(PullResponse);
export type PullAck = z.infer<typeof PullAck>;

/** Event names, in one place. */
export const SyncEvents = {
  /** client → server, with ack: PullRequest → PullAck */
  pull: 'sync:pull',
  /** client → server, with ack: ActionRequest → ActionAck (actions.ts) */
  action: 'action:apply',
  /** server → client: new changes exist after `seq`; pull them. */
  poke: 'sync:poke',
} as const;

export const PokePayload = z.object({ seq: z.number().int().positive() });
export type PokePayload = z.infer<typeof PokePayload>;
