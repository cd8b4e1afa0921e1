import { z } from 'zod';
import { CannedResolution, Conversation, Customer, Message, Note, Order, Team, User } from '../domain/entities';
import { ackOf, tolerantAckOf } from './ack';

/**
 * The socket.io protocol between a desktop engine and the central server.
 *
 * Catch-up never relies on socket.io's own recovery: the server keeps a change log with a
 * monotonic sequence, and the engine pulls everything after its cursor. A `sync:poke` only says
 * "there is something new"; the engine answers it with a pull. Rep actions (actions.ts) carry a
 * client-chosen id that the server stores in the same transaction as their change.
 */

/**
 * Versions (README "Versions"). Every change to what travels raises `version`. A compatible
 * change (a change kind, an action type, an enum value, an optional field) keeps `minCompatible`:
 * engines from that version on read what they can and skip the rest. An incompatible one raises
 * `minCompatible` as well, and older engines are refused at the handshake.
 */
export interface ProtocolRange {
  version: number;
  /** The oldest engine version the server still serves. */
  minCompatible: number;
}

/**
 * 3: unreadable changes skipped, not fatal; 4: a message may be `read`; 5: `delete` and
 * `resolution` changes, changes addressed to one user, actions on several conversations or none;
 * 6: an identity's kind and how it was linked (optional fields); 7: a canned resolution's team and
 * the actions that run with its send (optional fields); 9: the `undoMerge` and `splitIdentity`
 * actions, a merge into itself refused, the merge preview lookup and a customer's merges;
 * 14: a team's own service levels (optional field); 15: a conversation's priority set by a person
 * (optional field) and the `setPriority` action; 16: a user's `active` (optional field: absent is
 * active); 17: the `lookup:assignments` lookup. The whole list: shared/sync/README.md "Versions".
 */
export const SYNC_PROTOCOL: ProtocolRange = { version: 21, minCompatible: 3 };
export const SYNC_PROTOCOL_VERSION = SYNC_PROTOCOL.version;

/** Engines before this one fail a whole page on one change they cannot read, so they are never compatible with a newer change schema. */
export const FIRST_TOLERANT_VERSION = 3;

/** socket.io handshake `auth` payload: `protocol` is the engine's version. */
export const HandshakeAuth = z.object({
  token: z.string().min(1),
  protocol: z.number().int().positive(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/**
 * Why the server refuses an engine's version at the handshake (the error's message; its `data` is
 * the server's ProtocolRange). `update_required`: the engine is older than `minCompatible`;
 * `server_outdated`: it is newer than the server. Engines before version 3 know only
 * `protocol_mismatch`, which they answer by stopping and asking for an update, so they get that.
 */
export type VersionRefusal = 'update_required' | 'server_outdated' | 'protocol_mismatch';

export function versionRefusal(engineVersion: number, server: ProtocolRange = SYNC_PROTOCOL): VersionRefusal | null {
  if (engineVersion >= server.minCompatible && engineVersion <= server.version) return null;
  if (engineVersion < FIRST_TOLERANT_VERSION) return 'protocol_mismatch';
  return engineVersion < server.minCompatible ? 'update_required' : 'server_outdated';
}

/** The `data` of a version refusal. */
export const RefusalData = z.object({ version: z.number().int(), minCompatible: z.number().int() });

/** What a `delete` change can remove from every engine that holds it. */
export const DeletableEntity = z.enum([
  'customer',
  'identity',
  'order',
  'conversation',
  'message',
  'note',
  'resolution',
]);
export type DeletableEntity = z.infer<typeof DeletableEntity>;

/**
 * Each change replaces the whole entity it names (upsert by id). One object per kind, `meta`
 * inline: a flat discriminated union validates a page of changes several times faster than an
 * intersection of the two. A new kind is one more line here (and a new version, README "Versions").
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
    /** One of the reader's own canned resolutions (addressed to one user), or one of their team's. */
    z.object({ ...meta, kind: z.literal('resolution'), data: CannedResolution }),
    /** The conversation left this user's view (another team took it): drop it from the cache. */
    z.object({ ...meta, kind: z.literal('revoke'), data: z.object({ id: z.string() }) }),
    /** The entity is gone (merged away, erased, split off): every engine that holds it removes it. */
    z.object({ ...meta, kind: z.literal('delete'), data: z.object({ entity: DeletableEntity, id: z.string() }) }),
  ] as const;

export const ChangeData = z.discriminatedUnion('kind', changeKinds({}));
export type ChangeData = z.infer<typeof ChangeData>;

/**
 * The entity a change is a version of, as `kind:id`: a `revoke` or a `delete` is the last version
 * of what it removes. Null for messages and notes, which the log never updates in place, so every
 * one of them is written.
 */
export function changeEntityKey(change: ChangeData): string | null {
  switch (change.kind) {
    case 'message':
    case 'note':
      return null;
    case 'revoke':
      return `conversation:${change.data.id}`;
    case 'delete':
      return `${change.data.entity}:${change.data.id}`;
    default:
      return `${change.kind}:${change.data.id}`;
  }
}

export const Change = z.discriminatedUnion(
  'kind',
  changeKinds({
    seq: z.number().int().positive(),
    /** The rep action that wrote this change (its outbox id), if any. */
    actionId: z.string().nullable().optional(),
  }),
);
export type Change = z.infer<typeof Change>;

/**
 * How an engine reads one pulled change: null for one it cannot read (a kind, an enum value or a
 * shape newer than its version), which it skips and records instead of failing the page. The sync
 * client takes one, so a test can run an engine of an earlier version (versions/).
 */
export interface ChangeReader {
  readonly version: number;
  read(raw: unknown): Change | null;
}

export const currentChangeReader: ChangeReader = {
  version: SYNC_PROTOCOL_VERSION,
  read(raw) {
    const parsed = Change.safeParse(raw);
    return parsed.success ? parsed.data : null;
  },
};

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
  /** The server's version (from 3 on): an engine below it says a newer Caredesk is available. */
  protocol: z.number().int().positive().optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const PullAck = ackOf(PullResponse);
export type PullAck = z.infer<typeof PullAck>;

/**
 * A pull answer as an engine reads it: each change is read on its own (ChangeReader), and an error
 * code newer than the engine is still an error it can show and retry.
 */
export const PulledPage = PullResponse.extend({ changes: z.array(z.unknown()) });
export type PulledPage = z.infer<typeof PulledPage>;
export const PulledPageAck = tolerantAckOf(PulledPage);

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
