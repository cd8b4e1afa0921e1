// What the server holds against what the workload meant: each applied action is replayed in
// server order with the rule both sides run (shared/sync applyToConversation), and every
// conversation change it wrote, the final row, and every stored reply and note must agree.
import type { Conversation } from '../../shared/domain/entities';
import { applyToConversation } from '../../shared/sync';
import type { Action } from '../../shared/sync';
import { conversationsOf } from './messages';
import type { WorkloadAction } from './messages';

/** A reply or note as the server stored it. */
export interface StoredText {
  id: string;
  clientId: string;
  conversationId: string;
  authorId: string | null;
  body: string;
  createdAt: number;
}

/** A conversation change-log row: written by `actionId`, or by the server itself when null (a snooze waking). */
export interface ConversationChange {
  seq: number;
  actionId: string | null;
  conversation: Conversation;
}

/** One action the server applied, with what the workload meant by it. */
export interface AppliedEvent {
  engine: number;
  /** Its place in the engine's plan. */
  index: number;
  actionId: string;
  userId: string;
  action: WorkloadAction;
  /** The lowest seq of the change rows it wrote; null when it wrote none. */
  seq: number | null;
  /** False for an action an engine committed just before its kill -9 and never reported. */
  reported: boolean;
}

export interface ContentInput {
  /** The conversations the workload touches, as they were before it. */
  initial: readonly Conversation[];
  /** Their rows at the end. */
  final: readonly Conversation[];
  events: readonly AppliedEvent[];
  /** Conversation changes of those conversations since the initial rows were read, any order. */
  changes: readonly ConversationChange[];
  /** Stored replies (with a client id) and notes of the engines' users. */
  messages: readonly StoredText[];
  notes: readonly StoredText[];
}

export interface ContentMismatch {
  conversationId: string;
  /** The action whose effect is wrong, when one is to blame. */
  actionId: string | null;
  what: string;
}

const FIELDS = [
  'teamId',
  'customerId',
  'channel',
  'subject',
  'status',
  'assigneeId',
  'createdAt',
  'lastMessageAt',
  'lastMessagePreview',
  'waitingSince',
  'tags',
  'snoozedUntil',
] as const satisfies readonly (keyof Conversation)[];

/** Every field in which `actual` differs from `expected`, as `field: actual ≠ expected`. */
export function differences(actual: Conversation, expected: Conversation): string[] {
  const out: string[] = [];
  for (const field of FIELDS) {
    const a = JSON.stringify(actual[field]);
    const b = JSON.stringify(expected[field]);
    if (a !== b) out.push(`${field}: ${a} ≠ ${b}`);
  }
  return out;
}

export function checkContent(input: ContentInput): ContentMismatch[] {
  const mismatches: ContentMismatch[] = [];
  const byClientId = (rows: readonly StoredText[]) => new Map(rows.map((row) => [row.clientId, row]));
  const messages = byClientId(input.messages);
  const notes = byClientId(input.notes);
  const eventIds = new Set(input.events.map((event) => event.actionId));

  // Every reply and note is stored once, where it was sent, by whom, with the words the rep wrote.
  for (const event of input.events) {
    const { action } = event;
    if (action.type !== 'reply' && action.type !== 'note') continue;
    const stored = (action.type === 'reply' ? messages : notes).get(event.actionId);
    const what = checkStored(stored, event, action.conversationId, action.body);
    if (what) mismatches.push({ conversationId: action.conversationId, actionId: event.actionId, what });
  }
  for (const [kind, rows] of [
    ['reply', input.messages],
    ['note', input.notes],
  ] as const) {
    for (const row of rows) {
      if (!eventIds.has(row.clientId)) {
        mismatches.push({
          conversationId: row.conversationId,
          actionId: row.clientId,
          what: `a stored ${kind} no applied action sent: "${row.body}"`,
        });
      }
    }
  }

  const initial = new Map(input.initial.map((conversation) => [conversation.id, conversation]));
  const final = new Map(input.final.map((conversation) => [conversation.id, conversation]));
  for (const [id, start] of initial) {
    const end = final.get(id);
    if (!end) {
      mismatches.push({ conversationId: id, actionId: null, what: 'the conversation is gone from the server' });
      continue;
    }
    const events = input.events.filter((event) => conversationsOf(event.action).includes(id));
    const changes = input.changes.filter((change) => change.conversation.id === id);
    mismatches.push(...replay(start, end, events, changes, messages));
  }
  for (const event of input.events) {
    for (const conversationId of conversationsOf(event.action)) {
      if (initial.has(conversationId)) continue;
      mismatches.push({
        conversationId,
        actionId: event.actionId,
        what: 'an action on a conversation outside the workload',
      });
    }
  }
  return mismatches;
}

function checkStored(
  stored: StoredText | undefined,
  event: AppliedEvent,
  conversationId: string,
  body: string,
): string | null {
  const kind = event.action.type;
  if (!stored) return `the ${kind} was applied but is not stored`;
  if (stored.conversationId !== conversationId) return `the ${kind} is stored on ${stored.conversationId}`;
  if (stored.authorId !== event.userId) return `the ${kind} is stored as written by ${stored.authorId}`;
  if (stored.body !== body) return `the ${kind} is stored as "${stored.body}", sent as "${body}"`;
  return null;
}

type Step = { at: [number, number]; change: ConversationChange } | EventStep;
/** Where an action falls in server order: [seq, tie]. */
interface EventStep {
  at: [number, number];
  event: AppliedEvent;
}

/**
 * One conversation from its initial row: changes the server made on its own are taken as they
 * are; each action goes through the shared rule, and the change row it wrote (or, if it wrote
 * none, the unchanged conversation) must be what the rule gives.
 */
function replay(
  start: Conversation,
  end: Conversation,
  events: readonly AppliedEvent[],
  changes: readonly ConversationChange[],
  messages: ReadonlyMap<string, StoredText>,
): ContentMismatch[] {
  const mismatches: ContentMismatch[] = [];
  const written = new Map<string, Conversation>();
  const steps: Step[] = [];
  for (const change of changes) {
    if (change.actionId === null || !events.some((event) => event.actionId === change.actionId)) {
      steps.push({ at: [change.seq, 0], change });
    } else {
      written.set(change.actionId, change.conversation);
    }
  }
  steps.push(...placeEvents(events));
  steps.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);

  let state = start;
  for (const step of steps) {
    if ('change' in step) {
      state = step.change.conversation;
      continue;
    }
    const { event } = step;
    const at = event.action.type === 'reply' ? messages.get(event.actionId)?.createdAt : 0;
    // A reply that is not stored is reported above; its time is unknown, so it is not replayed.
    if (at === undefined) continue;
    const expected = applyToConversation(state, toAction(event.action), at);
    const row = written.get(event.actionId);
    const wrong = differences(row ?? state, expected);
    if (wrong.length > 0) {
      const what = row
        ? `its change row is unlike the ${event.action.type}: ${wrong.join('; ')}`
        : `the ${event.action.type} wrote no conversation change but should have: ${wrong.join('; ')}`;
      mismatches.push({ conversationId: start.id, actionId: event.actionId, what });
    }
    // Go on from what the server wrote, so that one wrong action is reported once.
    state = row ?? state;
  }
  const wrong = differences(end, state);
  if (wrong.length > 0) {
    mismatches.push({ conversationId: start.id, actionId: null, what: `the final row: ${wrong.join('; ')}` });
  }
  return mismatches;
}

/**
 * Where each action falls in server order: the seq of its first change row. One that wrote
 * none goes right after the engine's previous action on the conversation (its queue order: a
 * copy never reported comes before the reported copy of the same plan entry).
 */
export function placeEvents(events: readonly AppliedEvent[]): EventStep[] {
  const steps: EventStep[] = [];
  const byEngine = new Map<number, AppliedEvent[]>();
  for (const event of events) byEngine.set(event.engine, [...(byEngine.get(event.engine) ?? []), event]);
  for (const chain of byEngine.values()) {
    chain.sort((a, b) => a.index - b.index || Number(a.reported) - Number(b.reported));
    let last = 0;
    let tie = 0;
    for (const event of chain) {
      if (event.seq === null) {
        steps.push({ at: [last, ++tie], event });
      } else {
        last = event.seq;
        tie = 0;
        steps.push({ at: [event.seq, 0], event });
      }
    }
  }
  return steps;
}

/** The workload's action as the outbox sends it (what the rep's view showed does not change the rule). */
export function toAction(action: WorkloadAction): Action {
  if (action.type === 'saveResolution') return { type: action.type, resolution: { ...action.resolution } };
  if (action.type === 'deleteResolution') return { type: action.type, resolutionId: action.resolutionId };
  if (action.type === 'assignMany') {
    const items = action.conversationIds.map((conversationId) => ({ conversationId, seenAssigneeId: null }));
    return { type: 'assignMany', items, assigneeId: action.assigneeId };
  }
  return { ...action, seenAssigneeId: null };
}
