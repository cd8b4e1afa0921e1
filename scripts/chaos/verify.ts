// Checks the server's final state against what the engines acknowledged and what the workload
// meant: nothing lost, duplicated, reordered or unexplained, and every effect as the shared rule
// says (content.ts). `judge` is pure, so a deliberately broken server can be written by hand.
import type { Conversation } from '../../shared/domain/entities';
import type { Sql } from '../../server/db/sql';
import { checkContent } from './content';
import type { AppliedEvent, ContentMismatch, ConversationChange, StoredText } from './content';
import { checkLibraries } from './library';
import type { LibraryMismatch, ResolutionChange } from './library';
import { isLibraryAction } from './messages';
import type { LibraryItem, PlannedAction, PlannedRefusal, WorkloadAction, WorkloadType } from './messages';
import { observeServer } from './observe';

/** An action the engine's API answered OK for (so it committed to the outbox). */
export interface LedgerEntry {
  engine: number;
  /** Its place in the engine's queue. */
  index: number;
  actionId: string;
  type: WorkloadType;
  /** The conversations it touches: one, several (`assignMany`), none (library actions). */
  conversationIds: string[];
}

/** An action the engine's API refused to queue (the rep saw an error). */
export interface EngineRefusal {
  engine: number;
  index: number;
  code: string;
  message: string;
}

/** An action the server refused, as its engine listed it. */
export interface ServerRefusal {
  engine: number;
  actionId: string;
  type: string;
  reason: string;
}

/** The plan entry an engine was committing when it was killed: it may be applied without a report. */
export interface KillCandidate {
  engine: number;
  index: number;
}

/** What the run meant and what the engines said. */
export interface Expectation {
  plan: readonly PlannedAction[][];
  /** The user each engine is signed in as, by engine index. */
  engineUsers: readonly string[];
  ledger: readonly LedgerEntry[];
  killCandidates: readonly KillCandidate[];
  /** The conversations the workload touches, as they were before it started. */
  initial: readonly Conversation[];
  /** The engines' users' canned resolutions before the run. */
  initialLibraries: readonly LibraryItem[];
  refusedByEngine: readonly EngineRefusal[];
  refusedByServer: readonly ServerRefusal[];
  /** Each engine's canned resolutions once it had synced after the drain, by engine index. */
  engineLibraries: readonly (readonly LibraryItem[])[];
  /** Canned resolutions of another user an engine showed during the run. */
  foreign: readonly { engine: number; item: LibraryItem }[];
}

/** What the server holds at the end (observe.ts reads it). */
export interface ServerState {
  /**
   * applied_actions rows of the engines' users (an action on several conversations or none names
   * none), with the conversations whose part the server refused (`results`).
   */
  applied: readonly {
    id: string;
    userId: string;
    type: string;
    conversationId: string | null;
    refusedParts: readonly { conversationId: string; reason: string }[];
  }[];
  /** Every change-log row that names an action id. */
  actionChanges: readonly { actionId: string; kind: string; entityId: string; seq: number }[];
  conversationChanges: readonly ConversationChange[];
  messages: readonly StoredText[];
  notes: readonly StoredText[];
  /** The workload's conversations now. */
  conversations: readonly Conversation[];
  /** Canned-resolution changes since the run began, whoever they are addressed to. */
  resolutionChanges: readonly ResolutionChange[];
  /** The engines' users' canned resolutions now. */
  libraries: readonly LibraryItem[];
}

export interface Verdict {
  acknowledged: number;
  applied: number;
  lost: LedgerEntry[];
  /** Conversations of an applied action on several whose part the server refused (never undone by the workload's intent). */
  lostParts: { actionId: string; conversationId: string; reason: string }[];
  /** Action ids applied as more than one change set, or with one entity changed twice in theirs. */
  duplicated: { actionId: string; type: WorkloadType | null; copies: number }[];
  /** Actions applied after a later action of the same engine on the same conversation. */
  outOfOrder: LedgerEntry[];
  /** Acknowledged and applied, but changed nothing (no change row to order by). */
  unchanged: number;
  /** Applied actions no engine reported, each matched to the plan entry an engine was committing when killed. */
  unreported: number;
  /** Applied actions of the engines' users that neither a report nor a kill explains. */
  unexplained: { actionId: string; type: string; conversationId: string | null }[];
  /** Effects unlike the workload: message bodies, tags, assignees, statuses, snoozes. */
  content: ContentMismatch[];
  /** Canned resolutions unlike the workload or the rule, addressed to someone else, or held by another rep's engine. */
  library: LibraryMismatch[];
  /** Actions whose effects were replayed and compared (reported and unreported), on how many conversations and libraries. */
  replayed: { actions: number; conversations: number; libraries: number };
  refusals: {
    /** Plan entries meant to be refused (a title clash, the library's limit). */
    planned: number;
    /** Of those, refused with the code meant. */
    asPlanned: number;
    /** Meant to be refused, but refused otherwise, applied or never answered. */
    missing: { engine: number; index: number; refusal: PlannedRefusal; what: string }[];
    /** The engine refused the repeat of an action it had committed just before its kill (the first copy applied). */
    repeats: number;
    /** Refused by the engine's API though the workload gave no reason to. */
    unexpected: EngineRefusal[];
  };
}

export async function verify(sql: Sql, expectation: Expectation, sinceSeq: number): Promise<Verdict> {
  const conversationIds = expectation.initial.map((conversation) => conversation.id);
  const state = await observeServer(sql, { userIds: expectation.engineUsers, conversationIds, sinceSeq });
  return judge(state, expectation);
}

export function judge(state: ServerState, expectation: Expectation): Verdict {
  const { ledger, plan, engineUsers } = expectation;
  const applied = new Map(state.applied.map((row) => [row.id, row]));
  const reported = new Map(ledger.map((entry) => [entry.actionId, entry]));
  const planned = (engine: number, index: number) => plan[engine]?.[index]?.action ?? null;

  const rowsOf = new Map<string, ServerState['actionChanges'][number][]>();
  for (const row of state.actionChanges) rowsOf.set(row.actionId, [...(rowsOf.get(row.actionId) ?? []), row]);
  // An action's first seq (any kind): where it falls in server order.
  const seqOf = (id: string) => {
    const rows = rowsOf.get(id);
    return rows ? Math.min(...rows.map((row) => row.seq)) : null;
  };
  // What its rows changed: the conversations, canned resolutions (and other entities) they name.
  const entitiesOf = (id: string) => new Set((rowsOf.get(id) ?? []).map((row) => row.entityId));

  // Refused by the server on purpose: meant to be refused, acknowledged, listed refused by its engine.
  const rejected = new Set(expectation.refusedByServer.map((refusal) => refusal.actionId));
  const meantRefused = (entry: LedgerEntry) => plan[entry.engine]?.[entry.index]?.refusal !== undefined;
  const lost = ledger.filter(
    (entry) => !applied.has(entry.actionId) && !(meantRefused(entry) && rejected.has(entry.actionId)),
  );
  const lostParts = state.applied.flatMap((row) =>
    row.refusedParts.map((part) => ({ actionId: row.id, conversationId: part.conversationId, reason: part.reason })),
  );
  const duplicated: Verdict['duplicated'] = [];
  for (const [actionId, rows] of rowsOf) {
    const copies = changeSets(rows);
    if (copies > 1) duplicated.push({ actionId, type: (applied.get(actionId)?.type as WorkloadType) ?? null, copies });
  }
  const unchanged = ledger.filter((entry) => applied.has(entry.actionId) && seqOf(entry.actionId) === null).length;

  // Applied but never reported: the plan entry an engine was committing when killed, at most one per kill.
  const candidates = [...expectation.killCandidates];
  const events: AppliedEvent[] = [];
  const unexplained: Verdict['unexplained'] = [];
  const stored = new Map([...state.messages, ...state.notes].map((row) => [row.clientId, row]));
  for (const row of state.applied) {
    const entry = reported.get(row.id);
    if (entry) continue;
    const engine = engineUsers.indexOf(row.userId);
    const match = candidates.findIndex((candidate) => {
      const action = planned(candidate.engine, candidate.index);
      if (candidate.engine !== engine || !action || action.type !== row.type) return false;
      return sameAction(action, row.conversationId, entitiesOf(row.id), stored.get(row.id)?.body);
    });
    const candidate = candidates[match];
    const action = candidate ? planned(candidate.engine, candidate.index) : null;
    if (!candidate || !action) {
      unexplained.push({ actionId: row.id, type: row.type, conversationId: row.conversationId });
      continue;
    }
    candidates.splice(match, 1);
    events.push({ ...candidate, actionId: row.id, userId: row.userId, action, seq: seqOf(row.id), reported: false });
  }
  for (const entry of ledger) {
    const action = planned(entry.engine, entry.index);
    if (!applied.has(entry.actionId) || !action) continue;
    const userId = engineUsers[entry.engine] ?? '';
    events.push({
      engine: entry.engine,
      index: entry.index,
      actionId: entry.actionId,
      userId,
      action,
      seq: seqOf(entry.actionId),
      reported: true,
    });
  }

  const libraryEvents = events.filter((event) => isLibraryAction(event.action));
  return {
    acknowledged: ledger.length,
    applied: ledger.filter((entry) => applied.has(entry.actionId)).length,
    lost,
    lostParts,
    duplicated,
    outOfOrder: outOfOrder(ledger, seqOf),
    unchanged,
    unreported: events.filter((event) => !event.reported).length,
    unexplained,
    content: checkContent({
      initial: expectation.initial,
      final: state.conversations,
      events,
      changes: state.conversationChanges,
      messages: state.messages,
      notes: state.notes,
    }),
    library: checkLibraries({
      engineUsers,
      plan,
      initial: expectation.initialLibraries,
      final: state.libraries,
      events,
      changes: state.resolutionChanges,
      engineLibraries: expectation.engineLibraries,
      foreign: expectation.foreign,
    }),
    replayed: {
      actions: events.length,
      conversations: expectation.initial.length,
      libraries: new Set(libraryEvents.map((event) => event.engine)).size,
    },
    refusals: judgeRefusals(expectation, applied, rejected, events),
  };
}

/**
 * How many change sets an action's rows form: one transaction appends them all while it holds
 * the change log's lock, so their seqs follow one another; a second application is a second run
 * of seqs, or names an entity again (messages and notes are counted by kind: a copy has a new id).
 */
function changeSets(rows: readonly { kind: string; entityId: string; seq: number }[]): number {
  const seqs = rows.map((row) => row.seq).sort((a, b) => a - b);
  const runs = seqs.filter((seq, i) => i === 0 || seq !== (seqs[i - 1] ?? 0) + 1).length;
  const perEntity = new Map<string, number>();
  for (const row of rows) {
    const key = row.kind === 'message' || row.kind === 'note' ? row.kind : `${row.kind}:${row.entityId}`;
    perEntity.set(key, (perEntity.get(key) ?? 0) + 1);
  }
  return Math.max(runs, ...perEntity.values());
}

/** Whether an applied action nobody reported is this plan entry: same place, and what it changed is what the entry names. */
function sameAction(
  action: WorkloadAction,
  conversationId: string | null,
  entities: ReadonlySet<string>,
  storedBody: string | undefined,
): boolean {
  switch (action.type) {
    case 'reply':
    case 'note':
      return action.conversationId === conversationId && storedBody === action.body;
    case 'assignMany':
      return [...entities].every((id) => action.conversationIds.includes(id));
    case 'saveResolution':
      return [...entities].every((id) => id === action.resolution.id);
    case 'deleteResolution':
      return [...entities].every((id) => id === action.resolutionId);
    default:
      return action.conversationId === conversationId;
  }
}

/**
 * Every plan entry meant to be refused was refused with its code, by the engine's API or by the
 * server; the engine refused nothing else, but the repeat of an action whose unreported first
 * copy was applied (a canned resolution deleted twice).
 */
function judgeRefusals(
  expectation: Expectation,
  applied: ReadonlyMap<string, unknown>,
  rejected: ReadonlySet<string>,
  events: readonly AppliedEvent[],
): Verdict['refusals'] {
  const key = (engine: number, index: number) => `${engine}/${index}`;
  const byEngine = new Map(expectation.refusedByEngine.map((refusal) => [key(refusal.engine, refusal.index), refusal]));
  const acked = new Map(expectation.ledger.map((entry) => [key(entry.engine, entry.index), entry]));
  const repeated = new Set(events.filter((event) => !event.reported).map((event) => key(event.engine, event.index)));
  const missing: Verdict['refusals']['missing'] = [];
  let planned = 0;
  for (const queue of expectation.plan) {
    for (const { engine, index, refusal } of queue) {
      if (refusal === undefined) continue;
      planned++;
      const miss = (what: string) => missing.push({ engine, index, refusal, what });
      const refused = byEngine.get(key(engine, index));
      const entry = acked.get(key(engine, index));
      if (refused) {
        if (refused.code !== refusal) miss(`refused ${refused.code}: ${refused.message}`);
      } else if (!entry) miss('never answered');
      else if (applied.has(entry.actionId)) miss(`applied as ${entry.actionId}`);
      else if (!rejected.has(entry.actionId)) miss(`acknowledged as ${entry.actionId}, neither applied nor refused`);
    }
  }
  const unexpected = expectation.refusedByEngine.filter((refusal) => {
    const meant = expectation.plan[refusal.engine]?.[refusal.index]?.refusal !== undefined;
    return !meant && !repeated.has(key(refusal.engine, refusal.index));
  });
  const repeats = expectation.refusedByEngine.filter((refusal) => {
    const meant = expectation.plan[refusal.engine]?.[refusal.index]?.refusal !== undefined;
    return !meant && repeated.has(key(refusal.engine, refusal.index));
  }).length;
  return { planned, asPlanned: planned - missing.length, missing, repeats, unexpected };
}

/** Per engine and conversation (and per engine's library), in queue order: each seq must be above every earlier one. */
function outOfOrder(ledger: readonly LedgerEntry[], seqOf: (id: string) => number | null): LedgerEntry[] {
  const chains = new Map<string, LedgerEntry[]>();
  for (const entry of ledger) {
    const scopes = entry.conversationIds.length > 0 ? entry.conversationIds : ['library'];
    for (const scope of scopes) {
      const key = `${entry.engine}\u0000${scope}`;
      chains.set(key, [...(chains.get(key) ?? []), entry]);
    }
  }
  const late = new Set<LedgerEntry>();
  for (const chain of chains.values()) {
    let highest = 0;
    for (const entry of chain.sort((a, b) => a.index - b.index)) {
      const seq = seqOf(entry.actionId);
      if (seq === null) continue;
      if (seq < highest) late.add(entry);
      highest = Math.max(highest, seq);
    }
  }
  return [...late];
}
