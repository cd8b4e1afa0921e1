// Each rep's canned resolutions on the server against what the workload meant: every applied save
// and delete is replayed in server order with the rule both sides run (shared/sync
// applyToLibrary), the change rows it wrote must be what the rule gives and be addressed to that
// rep alone, and the final library must be both the replay's end and the workload's intent.
// No engine may ever show another rep's items.
import type { CannedResolution, User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { applyToLibrary, checkLibraryAction, isOnNoConversation, libraryIdsOf } from '../../shared/sync';
import { placeEvents, toAction } from './content';
import type { AppliedEvent } from './content';
import { isLibraryAction } from './messages';
import type { LibraryItem, PlannedAction } from './messages';

/** A change-log row of a canned resolution: saved (`item`) or deleted (`item` null). */
export interface ResolutionChange {
  seq: number;
  actionId: string | null;
  /** Who may read it: a personal change has no team and names one user. */
  teamId: string | null;
  userId: string | null;
  /** The resolution's id. */
  entityId: string;
  item: LibraryItem | null;
}

export interface LibraryMismatch {
  userId: string;
  /** The action whose effect is wrong, when one is to blame. */
  actionId: string | null;
  what: string;
}

export interface LibraryInput {
  /** The user each engine is signed in as, by engine index. */
  engineUsers: readonly string[];
  plan: readonly PlannedAction[][];
  /** The engines' users' items before the run, and on the server at the end. */
  initial: readonly LibraryItem[];
  final: readonly LibraryItem[];
  /** Every applied action (those on conversations are passed over). */
  events: readonly AppliedEvent[];
  /** Every canned-resolution change since the run began, whoever it names. */
  changes: readonly ResolutionChange[];
  /** Each engine's library once it was synced, by engine index. */
  engineLibraries: readonly (readonly LibraryItem[])[];
  /** Items an engine showed during the run that were not its user's. */
  foreign: readonly { engine: number; item: LibraryItem }[];
}

export function checkLibraries(input: LibraryInput): LibraryMismatch[] {
  const mismatches: LibraryMismatch[] = [];
  const events = input.events.filter((event) => isLibraryAction(event.action));
  const byAction = new Map(events.map((event) => [event.actionId, event]));

  // Personal scope: each row is addressed to its owner alone (the actor, for a delete).
  for (const change of input.changes) {
    const owner = change.item?.ownerId ?? byAction.get(change.actionId ?? '')?.userId ?? null;
    const to = change.teamId !== null ? `team ${change.teamId}` : (change.userId ?? 'everyone');
    if (change.teamId !== null || change.userId === null || (owner !== null && owner !== change.userId)) {
      mismatches.push({
        userId: owner ?? to,
        actionId: change.actionId,
        what: `the change of ${change.entityId} (seq ${change.seq}) is addressed to ${to}, not to its owner ${owner ?? 'unknown'}`,
      });
    }
  }

  input.engineUsers.forEach((userId, engine) => {
    const own = (items: readonly LibraryItem[]) => items.filter((item) => item.ownerId === userId);
    const initial = own(input.initial);
    const final = own(input.final);
    const mine = events.filter((event) => event.engine === engine);
    const ids = new Set(mine.map((event) => event.actionId));
    const written = new Map<string, ResolutionChange[]>();
    for (const change of input.changes) {
      if (change.userId !== userId) continue;
      if (change.actionId === null || !ids.has(change.actionId)) {
        mismatches.push({
          userId,
          actionId: change.actionId,
          what: `a change of ${change.entityId} no applied action of this rep explains`,
        });
        continue;
      }
      written.set(change.actionId, [...(written.get(change.actionId) ?? []), change]);
    }

    const end = replay(userId, initial, mine, written, mismatches);
    const unlikeReplay = compareLibraries(final, end);
    if (unlikeReplay.length > 0) {
      mismatches.push({
        userId,
        actionId: null,
        what: `the final library, unlike the replay: ${unlikeReplay.join('; ')}`,
      });
    }
    const unlikeIntent = compareLibraries(final, intended(userId, initial, input.plan[engine] ?? []));
    if (unlikeIntent.length > 0) {
      mismatches.push({
        userId,
        actionId: null,
        what: `the final library, unlike the workload: ${unlikeIntent.join('; ')}`,
      });
    }

    const held = [
      ...(input.engineLibraries[engine] ?? []).map((item) => ({ item, when: 'holds' })),
      ...input.foreign.filter((sighting) => sighting.engine === engine).map(({ item }) => ({ item, when: 'showed' })),
    ];
    for (const { item, when } of held) {
      if (item.ownerId === userId) continue;
      mismatches.push({
        userId: item.ownerId,
        actionId: null,
        what: `engine ${engine} (${userId}) ${when} ${item.ownerId}'s canned resolution ${item.id} “${item.title}”`,
      });
    }
  });
  return mismatches;
}

/**
 * One rep's library from its items before the run, through their applied actions in server
 * order: each must pass the shared checks, and the rows it wrote must be what the rule changes.
 * Goes on from what the server wrote, so that one wrong action is reported once.
 */
function replay(
  userId: string,
  initial: readonly LibraryItem[],
  events: readonly AppliedEvent[],
  written: ReadonlyMap<string, readonly ResolutionChange[]>,
  mismatches: LibraryMismatch[],
): LibraryItem[] {
  const actor: User = { id: userId, name: userId, email: `${userId}@chaos.invalid`, role: 'rep', teamIds: [] };
  let state: CannedResolution[] = initial.map((item) => ({ ...item, updatedAt: 0 }));
  const steps = placeEvents(events).sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
  for (const { event } of steps) {
    const action = toAction(event.action);
    if (!isOnNoConversation(action)) continue;
    const ctx = { actor, items: state, now: 0 };
    const wrong = (what: string) => mismatches.push({ userId, actionId: event.actionId, what });
    try {
      checkLibraryAction(action, ctx);
    } catch (error) {
      if (!(error instanceof CaredeskError)) throw error;
      wrong(`the ${action.type} was applied although the rule refuses it (${error.code}: ${error.message})`);
    }
    const expected = applyToLibrary(state, action, ctx);
    const rows = written.get(event.actionId) ?? [];
    let next = state;
    for (const id of libraryIdsOf(action)) {
      const before = state.find((item) => item.id === id);
      const after = expected.find((item) => item.id === id);
      const row = rows.filter((change) => change.entityId === id);
      const want =
        after && (!before || !sameItem(before, after)) ? describe(after) : before && !after ? 'deleted' : null;
      const got = row.map((change) => (change.item ? describe(change.item) : 'deleted'));
      if (JSON.stringify(got) !== JSON.stringify(want === null ? [] : [want])) {
        wrong(
          `${id}: the ${action.type} wrote ${got.length === 0 ? 'nothing' : got.join(', ')}, the rule gives ${want ?? 'no change'}`,
        );
      }
      const last = row.at(-1);
      if (!last) continue;
      next = next.filter((item) => item.id !== id);
      if (last.item) next = [...next, { ...last.item, updatedAt: 0 }];
    }
    for (const change of rows) {
      if (!libraryIdsOf(action).includes(change.entityId)) {
        wrong(`the ${action.type} wrote a change of ${change.entityId}, which it does not name`);
      }
    }
    state = next;
  }
  return state.map(({ id, ownerId, title, body }) => ({ id, ownerId, title, body }));
}

/**
 * What the workload means a rep's library to end as: its items before the run, with every
 * action not meant to be refused done once, in the engine's queue order.
 */
function intended(ownerId: string, initial: readonly LibraryItem[], plan: readonly PlannedAction[]): LibraryItem[] {
  const items = new Map(initial.map((item) => [item.id, item]));
  for (const { action, refusal } of plan) {
    if (refusal !== undefined) continue;
    if (action.type === 'deleteResolution') items.delete(action.resolutionId);
    if (action.type === 'saveResolution') {
      const { id, title, body } = action.resolution;
      items.set(id, { id, ownerId, title, body });
    }
  }
  return [...items.values()];
}

/** Each difference between two libraries, by id. */
export function compareLibraries(actual: readonly LibraryItem[], expected: readonly LibraryItem[]): string[] {
  const want = new Map(expected.map((item) => [item.id, item]));
  const have = new Map(actual.map((item) => [item.id, item]));
  const out: string[] = [];
  for (const [id, item] of have) {
    const other = want.get(id);
    if (!other) out.push(`${id} is there but should not be`);
    else if (!sameItem(item, other)) out.push(`${id} is ${describe(item)}, should be ${describe(other)}`);
  }
  for (const id of want.keys()) if (!have.has(id)) out.push(`${id} is missing`);
  return out;
}

function sameItem(a: Omit<LibraryItem, 'id'>, b: Omit<LibraryItem, 'id'>): boolean {
  return a.ownerId === b.ownerId && a.title === b.title && a.body === b.body;
}

function describe(item: Omit<LibraryItem, 'id'>): string {
  return `“${item.title}”: “${item.body}” of ${item.ownerId}`;
}
