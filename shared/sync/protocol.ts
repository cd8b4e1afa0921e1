import { z } from 'zod';
import { Conversation, Customer, Message, Order, Team, User } from '../domain/entities';
import { ErrorBody } from '../domain/errors';

/**
 * The socket.io protocol between a desktop engine and the central server.
 *
 * Catch-up never relies on socket.io's own recovery: the server keeps a change log with a
 * monotonic sequence, and the engine pulls everything after its cursor. A `sync:poke` only says
 * "there is something new"; the engine answers it with a pull. Replies carry a client-chosen
 * idempotency key that the server stores in the same transaction as the message.
 */
export const SYNC_PROTOCOL_VERSION = 1;

/** socket.io handshake `auth` payload. */
export const HandshakeAuth = z.object({
  token: z.string().min(1),
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** Each change replaces the whole entity it names (upsert by id). */
export const ChangeData = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team'), data: Team }),
  z.object({ kind: z.literal('user'), data: User }),
  z.object({ kind: z.literal('customer'), data: Customer }),
  z.object({ kind: z.literal('order'), data: Order }),
  z.object({ kind: z.literal('conversation'), data: Conversation }),
  z.object({ kind: z.literal('message'), data: Message }),
]);
export type ChangeData = z.infer<typeof ChangeData>;

export const Change = z.intersection(z.object({ seq: z.number().int().positive() }), ChangeData);
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

/** An unpaired UTF-16 surrogate: not a character, and not valid in JSON text PostgreSQL stores. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the server can store: PostgreSQL refuses NUL characters and unpaired surrogates, so they are
 * refused here, as invalid input, before they reach SQL (where they would fail as an internal error).
 */
export function storableText<T extends z.ZodString>(schema: T) {
  return schema
    .refine((text) => !text.includes('\u0000'), { message: 'Text cannot contain NUL (\\u0000) characters.' })
    .refine((text) => !LONE_SURROGATE.test(text), {
      message: 'Text cannot contain unpaired surrogates (broken emoji or other invalid Unicode).',
    });
}

export const SendReplyRequest = z.object({
  /** Idempotency key: the same key sent twice stores one message. */
  clientId: storableText(z.string().min(8).max(64)),
  conversationId: storableText(z.string().min(1).max(128)),
  body: storableText(z.string().trim().min(1).max(10_000)),
});
export type SendReplyRequest = z.infer<typeof SendReplyRequest>;

const Ack = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ]);

export const PullAck = Ack(PullResponse);
export type PullAck = z.infer<typeof PullAck>;
export const SendReplyAck = Ack(Message);
export type SendReplyAck = z.infer<typeof SendReplyAck>;

/** Event names, in one place. */
export const SyncEvents = {
  /** client → server, with ack: PullRequest → PullAck */
  pull: 'sync:pull',
  /** client → server, with ack: SendReplyRequest → SendReplyAck */
  sendReply: 'reply:send',
  /** server → client: new changes exist after `seq`; pull them. */
  poke: 'sync:poke',
} as const;

export const PokePayload = z.object({ seq: z.number().int().positive() });
export type PokePayload = z.infer<typeof PokePayload>;
