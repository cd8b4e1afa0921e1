// Checks the server's final state against what the engines acknowledged and what the workload
// meant: nothing lost, duplicated, reordered or unexplained, and every effect as the shared rule
// says (content.ts). `judge` is pure, so a deliberately broken server can be written by hand.
import type { Conversation } from '../../shared/domain/entities';
import type { Sql } from '../../server/db/sql';
import { checkContent } from './content';
import type { AppliedEvent, ContentMismatch, ConversationChange, StoredText } from './content';
import type { PlannedAction, WorkloadType } from './messages';
import { observeServer } from './observe';

/** An action the engine's API answered OK for (so it committed to the outbox). */
export interface LedgerEntry {
  engine: number;
  /** Its place in the engine's queue. */
  index: number;
  actionId: string;
  type: WorkloadType;
  conversationId: string;
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
}

/** What the server holds at the end (observe.ts reads it). */
export interface ServerState {
  /** applied_actions rows of the engines' users. */
  applied: readonly { id: string; userId: string; type: string; conversationId: string }[];
  /** Every change-log row that names an action id. */
  actionChanges: readonly { actionId: string; kind: string; seq: number }[];
  conversationChanges: readonly ConversationChange[];
  messages: readonly StoredText[];
  notes: readonly StoredText[];
  /** The workload's conversations now. */
  conversations: readonly Conversation[];
}

export interface Verdict {
  acknowledged: number;
  applied: number;
  lost: LedgerEntry[];
  duplicated: { actionId: string; type: WorkloadType | null; copies: number }[];
  /** Actions applied after a later action of the same engine on the same conversation. */
  outOfOrder: LedgerEntry[];
  /** Acknowledged and applied, but changed nothing (no change row to order by). */
  unchanged: number;
  /** Applied actions no engine reported, each matched to the plan entry an engine was committing when killed. */
  unreported: number;
  /** Applied actions of the engines' users that neither a report nor a kill explains. */
  unexplained: { actionId: string; type: string; conversationId: string }[];
  /** Effects unlike the workload: message bodies, tags, assignees, statuses, snoozes. */
  content: ContentMismatch[];
  /** Actions whose effects were replayed and compared (reported and unreported), on how many conversations. */
  replayed: { actions: number; conversations: number };
}

/** The change kind each action type writes exactly one of. */
const KIND: Record<WorkloadType, string> = {
  reply: 'message',
  note: 'note',
  assign: 'conversation',
  status: 'conversation',
  snooze: 'conversation',
  tag: 'conversation',
};

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

  // Per action id: how many rows of the kind its type writes once, and its first seq (any kind).
  const copies = new Map<string, { kind: Map<string, number>; seq: number }>();
  for (const row of state.actionChanges) {
    const seen = copies.get(row.actionId) ?? { kind: new Map<string, number>(), seq: row.seq };
    seen.kind.set(row.kind, (seen.kind.get(row.kind) ?? 0) + 1);
    seen.seq = Math.min(seen.seq, row.seq);
    copies.set(row.actionId, seen);
  }
  const seqOf = (id: string) => copies.get(id)?.seq ?? null;

  const lost = ledger.filter((entry) => !applied.has(entry.actionId));
  const duplicated: Verdict['duplicated'] = [];
  for (const [actionId, seen] of copies) {
    const row = applied.get(actionId);
    const type = row ? (row.type as WorkloadType) : null;
    const n = type ? (seen.kind.get(KIND[type]) ?? 0) : Math.max(...seen.kind.values());
    if (n > 1) duplicated.push({ actionId, type, copies: n });
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
      if (candidate.engine !== engine || !action) return false;
      if (action.type !== row.type || action.conversationId !== row.conversationId) return false;
      return action.type !== 'reply' && action.type !== 'note' ? true : stored.get(row.id)?.body === action.body;
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

  return {
    acknowledged: ledger.length,
    applied: ledger.length - lost.length,
    lost,
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
    replayed: { actions: events.length, conversations: expectation.initial.length },
  };
}

/** Per engine and conversation, in queue order: each seq must be above every earlier one. */
function outOfOrder(ledger: readonly LedgerEntry[], seqOf: (id: string) => number | null): LedgerEntry[] {
  const chains = new Map<string, LedgerEntry[]>();
  for (const entry of ledger) {
    const key = `${entry.engine}\u0000${entry.conversationId}`;
    chains.set(key, [...(chains.get(key) ?? []), entry]);
  }
  const late: LedgerEntry[] = [];
  for (const chain of chains.values()) {
    let highest = 0;
    for (const entry of chain.sort((a, b) => a.index - b.index)) {
      const seq = seqOf(entry.actionId);
      if (seq === null) continue;
      if (seq < highest) late.push(entry);
      highest = Math.max(highest, seq);
    }
  }
  return late;
}
