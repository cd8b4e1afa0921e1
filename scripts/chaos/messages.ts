// What the harness and its child processes say to each other over the IPC channel of fork().
// Messages arrive as `unknown`: each side parses them with these schemas instead of trusting a cast.
import { z } from 'zod';

const Id = z.string().min(1);

/** One rep action as the workload plans it: what the rep does, not how the engine stores it. */
export const WorkloadAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), conversationId: Id, body: z.string().min(1) }),
  z.object({ type: z.literal('assign'), conversationId: Id, assigneeId: Id.nullable() }),
  z.object({ type: z.literal('status'), conversationId: Id, status: z.enum(['open', 'closed']) }),
  z.object({ type: z.literal('snooze'), conversationId: Id, until: z.number().int().positive() }),
  z.object({ type: z.literal('tag'), conversationId: Id, tag: z.string().min(1), on: z.boolean() }),
  z.object({ type: z.literal('note'), conversationId: Id, body: z.string().min(1) }),
  /** Several conversations in one action (`conversations:assign`). */
  z.object({ type: z.literal('assignMany'), conversationIds: z.array(Id).min(2), assigneeId: Id.nullable() }),
  /** One of the rep's own canned resolutions, created or edited under an id the workload chose. */
  z.object({
    type: z.literal('saveResolution'),
    resolution: z.object({ id: Id, title: z.string().min(1), body: z.string().min(1) }),
  }),
  z.object({ type: z.literal('deleteResolution'), resolutionId: Id }),
]);
export type WorkloadAction = z.infer<typeof WorkloadAction>;
export type WorkloadType = WorkloadAction['type'];
export const WORKLOAD_TYPES: readonly WorkloadType[] = [
  'reply',
  'assign',
  'status',
  'snooze',
  'tag',
  'note',
  'assignMany',
  'saveResolution',
  'deleteResolution',
];

/** A rep's canned-resolution library action (personal scope, no conversation). */
export type LibraryWorkloadAction = Extract<WorkloadAction, { type: 'saveResolution' | 'deleteResolution' }>;

export function isLibraryAction(action: WorkloadAction): action is LibraryWorkloadAction {
  return action.type === 'saveResolution' || action.type === 'deleteResolution';
}

/** The conversations an action touches, in its order: one, several (`assignMany`) or none (library actions). */
export function conversationsOf(action: WorkloadAction): string[] {
  if (action.type === 'assignMany') return action.conversationIds;
  return isLibraryAction(action) ? [] : [action.conversationId];
}

/** Why the workload means an action to be refused: the code the engine (or the server) must refuse it with. */
export const PlannedRefusal = z.enum(['conflict', 'invalid_input']);
export type PlannedRefusal = z.infer<typeof PlannedRefusal>;

/**
 * `index` is the action's place in its engine's queue: the order the server must keep per
 * conversation and per library. `refusal` is set on an action meant to be refused (a canned
 * resolution's title clash, the library's limit).
 */
export const PlannedAction = z.object({
  engine: z.number().int(),
  index: z.number().int(),
  action: WorkloadAction,
  refusal: PlannedRefusal.optional(),
});
export type PlannedAction = z.infer<typeof PlannedAction>;

/** A canned resolution as both sides describe it. */
export const LibraryItem = z.object({ id: Id, ownerId: Id, title: z.string(), body: z.string() });
export type LibraryItem = z.infer<typeof LibraryItem>;

/** How one conversation looks from one side: the fields the actions change, and what it contains. */
export const ConversationSnapshot = z.object({
  id: Id,
  status: z.string(),
  assigneeId: z.string().nullable(),
  tags: z.array(z.string()),
  snoozedUntil: z.number().nullable(),
  messageIds: z.array(z.string()),
  noteIds: z.array(z.string()),
});
export type ConversationSnapshot = z.infer<typeof ConversationSnapshot>;

/** Harness → engine child. */
export const ToEngine = z.discriminatedUnion('type', [
  /** First start signs in (and waits for the first sync); a restart resumes the stored session. */
  z.object({
    type: z.literal('start'),
    signIn: z.object({ email: z.string(), password: z.string() }).nullable(),
    /** The user it is signed in as: any canned resolution of someone else it ever shows is reported (`foreign`). */
    userId: Id,
  }),
  /** Queue these in order, never more than `window` unsent at a time (a rep does not type 10,000 replies offline). */
  z.object({ type: z.literal('run'), actions: z.array(PlannedAction), window: z.number().int().positive() }),
  /** Once the cache has pulled up to `seq` (and nothing is unsent), describe these conversations as the rep sees them. */
  z.object({ type: z.literal('snapshot'), seq: z.number().int(), conversationIds: z.array(Id) }),
  z.object({ type: z.literal('close') }),
]);
export type ToEngine = z.infer<typeof ToEngine>;

/** Engine child → harness. */
export const FromEngine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Sent only after the engine's API answered OK, i.e. after the outbox transaction committed. */
  z.object({ type: z.literal('queued'), index: z.number().int(), actionId: Id }),
  /** The API refused to queue it (the rep saw an error): not the engine's to deliver. */
  z.object({ type: z.literal('refused'), index: z.number().int(), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('all-queued') }),
  z.object({ type: z.literal('sync'), connection: z.string(), pending: z.number().int() }),
  /** The conversations as the rep sees them, and the rep's canned resolutions (`resolutions:list`). */
  z.object({
    type: z.literal('snapshot'),
    conversations: z.array(ConversationSnapshot),
    library: z.array(LibraryItem),
  }),
  /** Canned resolutions of another user the engine showed, whenever its library changed. */
  z.object({ type: z.literal('foreign'), items: z.array(LibraryItem) }),
  /** Actions the server refused, with its reasons (the engine keeps them for the rep). */
  z.object({
    type: z.literal('rejected'),
    actions: z.array(z.object({ actionId: z.string(), type: z.string(), reason: z.string() })),
  }),
  z.object({ type: z.literal('closed') }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromEngine = z.infer<typeof FromEngine>;

/** Harness → server child. */
export const ToServer = z.discriminatedUnion('type', [
  /** Die (kill -9) right after the commit of the `skip`+1-th newly stored action from now, before its ack. */
  z.object({ type: z.literal('arm'), skip: z.number().int().nonnegative() }),
  /** No traffic came to die on (the workload drained first). */
  z.object({ type: z.literal('disarm') }),
]);
export type ToServer = z.infer<typeof ToServer>;

/** Server child → harness. */
export const FromServer = z.object({ type: z.literal('ready'), port: z.number().int().positive() });
export type FromServer = z.infer<typeof FromServer>;

/** One line of the server child's marker file, written just before it kills itself. */
export const CommitKillMarker = z.object({ actionId: Id, at: z.number() });
export type CommitKillMarker = z.infer<typeof CommitKillMarker>;
