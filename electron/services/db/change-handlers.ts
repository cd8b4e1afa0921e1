// How the cache writes each kind of change the server's log carries: one handler per kind, so a
// kind added to the protocol (shared/sync `changeKinds`) does not compile until it has one here.
import type { Change } from '../../../shared/sync';
import { storeServerConversation } from './conversation-state';
import { upsertCustomer, upsertOrder } from './customers';
import { deleteEntity, dropLeftTeams, revokeConversation } from './deletions';
import { upsertMessage } from './messages';
import { upsertNote } from './notes';
import type { Db } from './open';
import { queueTriage, queueTriageOfCustomer } from './triage';
import { upsertTeam, upsertUser } from './people';
import { upsertResolution } from './resolutions';

export type ChangeKind = Change['kind'];
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;

/** What every handler of one transaction shares. */
export interface ApplyContext {
  /** Conversations with actions of the rep's own not yet in the server's copy (read once per transaction). */
  local: ReadonlySet<string>;
}

/** Writes one change; returns the conversations whose summary, thread or customer panel changed. */
export type ChangeHandler<K extends ChangeKind> = (db: Db, change: ChangeOf<K>, ctx: ApplyContext) => readonly string[];

type ChangeHandlers = { readonly [K in ChangeKind]: ChangeHandler<K> };

const NONE: readonly string[] = [];

export const changeHandlers: ChangeHandlers = {
  team: (db, { data }) => {
    upsertTeam(db, data);
    return NONE;
  },
  user: (db, { data }) => {
    upsertUser(db, data);
    return dropLeftTeams(db, data);
  },
  customer: (db, { data }) => upsertCustomer(db, data),
  order: (db, { data }) => {
    // A shipment delivered, or a new estimate: their urgency may change.
    queueTriageOfCustomer(db, data.customerId);
    return upsertOrder(db, data);
  },
  conversation: (db, { data, seq }, { local }) => {
    storeServerConversation(db, data, seq, local.has(data.id));
    return [data.id];
  },
  message: (db, { data }) => {
    upsertMessage(db, data);
    if (data.direction === 'inbound') queueTriage(db, data.conversationId);
    return [data.conversationId];
  },
  note: (db, { data }) => {
    upsertNote(db, data);
    return [data.conversationId];
  },
  resolution: (db, { data }) => {
    upsertResolution(db, data);
    return NONE;
  },
  revoke: (db, { data }) => {
    revokeConversation(db, data.id);
    return [data.id];
  },
  delete: (db, { data }) => deleteEntity(db, data.entity, data.id),
};

/** Writes `change` with the handler of its kind. */
export function writeChange(db: Db, change: Change, ctx: ApplyContext): readonly string[] {
  // The record pairs each kind with its handler; TypeScript cannot follow the union through the lookup.
  const handler = changeHandlers[change.kind] as ChangeHandler<ChangeKind>;
  return handler(db, change, ctx);
}
