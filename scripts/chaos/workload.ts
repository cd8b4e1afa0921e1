// The actions the engines queue: a pure function of the seed, the team's conversations and the action types.
import { MAX_PERSONAL_RESOLUTIONS } from '../../shared/sync';
import type { LibraryItem, PlannedAction, PlannedRefusal, WorkloadAction, WorkloadType } from './messages';
import type { Random } from './random';

export interface TeamConversation {
  id: string;
  assigneeId: string | null;
  status: string;
  tags: readonly string[];
}

interface WorkloadOptions {
  random: Random;
  actions: number;
  /** The user id each engine is signed in as, by engine index. */
  engineUsers: readonly string[];
  /** The team's conversations, in a stable order (by id). */
  conversations: readonly TeamConversation[];
  types: readonly WorkloadType[];
  /** Each engine's user's canned resolutions before the run, by engine index. */
  libraries: readonly (readonly LibraryItem[])[];
}

/** How often a rep does each thing (only the supported types are drawn). */
const WEIGHTS: Record<WorkloadType, number> = {
  reply: 35,
  note: 15,
  tag: 15,
  status: 15,
  assign: 10,
  snooze: 10,
  assignMany: 5,
  saveResolution: 8,
  deleteResolution: 3,
};
/** Most conversations one planned bulk assignment names. */
const MAX_BULK_PLANNED = 5;
const TAGS = ['chaos-a', 'chaos-b', 'chaos-c', 'vip', 'damaged'];
/** Snooze times far in the future, so "until" stays valid whenever the run happens (and repeats exactly). */
const SNOOZE_BASE = Date.UTC(2099, 0, 1);
const PHRASES = [
  'Your order left the warehouse this morning.',
  'I have asked the courier for an update.',
  'The refund is on its way to your card.',
  'Could you send a photo of the parcel?',
  'Thanks for your patience while we check.',
];

/** Actions that change assignee, status or tags. */
const STATEFUL = new Set<WorkloadType>(['assign', 'status', 'snooze', 'tag', 'assignMany']);

/**
 * Plans `actions` actions over the engines. Replies and notes go to any conversation of the
 * working set (several engines writing to the same conversation is what makes ordering and
 * fan-out interesting). Assign, status, snooze and tag go only to conversations the engine owns:
 * with no one else changing them, each one is known to change something (so it shows in the
 * change log, where order is checked), and no action is refused because someone else took the
 * conversation meanwhile — a refusal would look like a lost action and hide a real one.
 */
export function planWorkload(options: WorkloadOptions): PlannedAction[][] {
  const { random, engineUsers } = options;
  const engines = engineUsers.length;
  if (options.conversations.length < engines * 2) throw new Error('Too few conversations for the workload.');
  // Enough conversations that each one gets a chain of several actions per engine.
  const size = Math.min(options.conversations.length, Math.max(engines * 4, Math.round(options.actions / 25)));
  const working = shuffled(random, options.conversations).slice(0, size);
  const shared = working.slice(0, Math.ceil(size / 2));
  const owned = engineUsers.map((_, engine) => working.slice(shared.length).filter((_c, i) => i % engines === engine));
  const state = new Map(working.map((c) => [c.id, { ...c, tags: new Set(c.tags) }]));
  const choices = options.types.map((type) => ({ weight: WEIGHTS[type], value: type }));
  if (choices.length === 0) throw new Error('No action types to plan.');

  const libraries = engineUsers.map((_, engine) => createLibrary(options.libraries[engine] ?? []));

  const plan: PlannedAction[][] = engineUsers.map(() => []);
  for (let i = 0; i < options.actions; i++) {
    const engine = random.int(0, engines - 1);
    const queue = plan[engine];
    const own = owned[engine];
    const library = libraries[engine];
    const user = engineUsers[engine];
    if (!queue || !own || !library || user === undefined) throw new Error('engine out of range');
    let type = random.weighted(choices);
    const label = `chaos e${engine} #${queue.length}`;
    if (type === 'deleteResolution' && library.items.size === 0) type = 'saveResolution';
    if (type === 'saveResolution' || type === 'deleteResolution') {
      queue.push({ engine, index: queue.length, ...planLibraryAction(random, library, type, label) });
      continue;
    }
    if (type === 'assignMany') {
      const bulk = planBulk(random, own, user, (id) => state.get(id)?.assigneeId ?? null);
      if (bulk) {
        for (const id of bulk.conversationIds) {
          const conversation = state.get(id);
          if (conversation) conversation.assigneeId = bulk.assigneeId;
        }
        queue.push({ engine, index: queue.length, action: { type, ...bulk } });
        continue;
      }
      type = options.types.includes('assign') ? 'assign' : 'note';
    }
    if (STATEFUL.has(type) && own.length === 0) type = options.types.includes('reply') ? 'reply' : 'note';
    const target = STATEFUL.has(type) ? random.pick(own) : random.pick(random.next() < 0.6 ? shared : own);
    const conversation = state.get(target.id);
    if (!conversation) throw new Error('conversation out of the working set');
    // A rep may assign only a conversation that is unassigned or their own (shared/sync/actions/
    // assign.ts): one a lead gave to someone else gets another change instead of a refusal.
    const holder = conversation.assigneeId;
    if (type === 'assign' && holder !== null && holder !== engineUsers[engine]) {
      type = (['status', 'tag', 'snooze'] as const).find((other) => options.types.includes(other)) ?? 'note';
    }
    const action = ((): WorkloadAction => {
      switch (type) {
        case 'reply':
          return { type, conversationId: target.id, body: `${label}: ${random.pick(PHRASES)}` };
        case 'note':
          return { type, conversationId: target.id, body: `${label} (note): checked with the warehouse.` };
        case 'assign': {
          // Between this rep and nobody: never someone else, whose own view would then be stale.
          const assigneeId = conversation.assigneeId === engineUsers[engine] ? null : (engineUsers[engine] ?? null);
          conversation.assigneeId = assigneeId;
          return { type, conversationId: target.id, assigneeId };
        }
        case 'status': {
          const status = conversation.status === 'closed' ? 'open' : 'closed';
          conversation.status = status;
          return { type, conversationId: target.id, status };
        }
        case 'snooze':
          conversation.status = 'snoozed';
          return { type, conversationId: target.id, until: SNOOZE_BASE + random.int(1, 1_000_000) * 60_000 };
        case 'tag': {
          const tag = random.pick(TAGS);
          const on = !conversation.tags.has(tag);
          if (on) conversation.tags.add(tag);
          else conversation.tags.delete(tag);
          return { type, conversationId: target.id, tag, on };
        }
      }
    })();
    queue.push({ engine, index: queue.length, action });
  }
  return plan;
}

/**
 * Several of the engine's own conversations, all given to its rep or all returned to the queue,
 * each one changing (so that every part writes a change row): between two and five of the
 * unassigned ones, or of the rep's own. Null when neither group has two.
 */
function planBulk(
  random: Random,
  own: readonly TeamConversation[],
  user: string,
  holder: (id: string) => string | null,
): { conversationIds: string[]; assigneeId: string | null } | null {
  const free = own.filter((c) => holder(c.id) === null);
  const mine = own.filter((c) => holder(c.id) === user);
  const groups = [
    { from: free, assigneeId: user },
    { from: mine, assigneeId: null },
  ].filter((group) => group.from.length >= 2);
  if (groups.length === 0) return null;
  const group = random.pick(groups);
  const size = random.int(2, Math.min(MAX_BULK_PLANNED, group.from.length));
  const conversationIds = shuffled(random, group.from)
    .slice(0, size)
    .map((c) => c.id);
  return { conversationIds, assigneeId: group.assigneeId };
}

/** One engine's canned resolutions as the workload means them to be, in the order they were made. */
interface Library {
  items: Map<string, { title: string; body: string }>;
  /** Titles made so far: every engine names its new ones "Canned reply 1", "Canned reply 2"… (the same titles). */
  made: number;
}

function createLibrary(initial: readonly LibraryItem[]): Library {
  return { items: new Map(initial.map((item) => [item.id, { title: item.title, body: item.body }])), made: 0 };
}

/**
 * A save or delete of the engine's own canned resolutions. Saves create (under an id the
 * workload chooses, so a repeat after a kill is the same item), edit, or clash on purpose: a new
 * one or a renamed one titled like another of the rep's (in other case and spacing) is refused
 * `conflict`; a new one when the library holds 500 is refused `invalid_input`. Every engine uses
 * the same titles, so a clash checked across users would be caught too.
 */
function planLibraryAction(
  random: Random,
  library: Library,
  type: 'saveResolution' | 'deleteResolution',
  label: string,
): { action: WorkloadAction; refusal?: PlannedRefusal } {
  const items = [...library.items.entries()].map(([id, item]) => ({ id, ...item }));
  const body = `${label}: ${random.pick(PHRASES)}`;
  if (type === 'deleteResolution') {
    const { id } = random.pick(items);
    library.items.delete(id);
    return { action: { type, resolutionId: id } };
  }
  const roll = random.next();
  if (items.length > 0 && roll < 0.15) {
    const other = random.pick(items);
    const title = ` ${other.title.toUpperCase()} `;
    const renamed = items.length >= 2 && random.next() < 0.5 ? random.pick(items.filter((i) => i !== other)) : null;
    const id = renamed?.id ?? `res-${label.replace(/\W+/g, '-')}`;
    return { action: { type, resolution: { id, title, body } }, refusal: 'conflict' };
  }
  if (items.length > 0 && roll < 0.45) {
    const edited = random.pick(items);
    const title = random.next() < 0.5 ? edited.title : `Canned reply ${++library.made}`;
    library.items.set(edited.id, { title, body });
    return { action: { type, resolution: { id: edited.id, title, body } } };
  }
  const id = `res-${label.replace(/\W+/g, '-')}`;
  const title = `Canned reply ${++library.made}`;
  const action: WorkloadAction = { type, resolution: { id, title, body } };
  if (library.items.size >= MAX_PERSONAL_RESOLUTIONS) return { action, refusal: 'invalid_input' };
  library.items.set(id, { title, body });
  return { action };
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}
