// The verifier on hand-made server states: an honest server passes; each way of breaking one
// (a tag dropped, a body altered, an assignee or status wrong, an effect never written, an action
// nobody reported) is caught and named.
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../shared/domain/entities';
import { applyToConversation } from '../../shared/sync';
import { toAction } from './content';
import type { PlannedAction, WorkloadAction } from './messages';
import { judge } from './verify';
import type { Expectation, LedgerEntry, ServerState } from './verify';

const USERS = ['user-rep01', 'user-rep02'];

function conversation(id: string): Conversation {
  return {
    id,
    teamId: 'team-orders',
    customerId: `cust-${id}`,
    channel: 'email',
    subject: 'Where is my parcel?',
    status: 'open',
    assigneeId: null,
    createdAt: 1_000,
    lastMessageAt: 2_000,
    lastMessagePreview: 'Where is my parcel?',
    waitingSince: 2_000,
    tags: [],
    snoozedUntil: null,
  };
}

/** Engine 0 owns conv-a (tags, assignment, status); both engines write to conv-b. */
const PLAN: PlannedAction[][] = [
  [
    { type: 'tag', conversationId: 'conv-a', tag: 'vip', on: true },
    { type: 'reply', conversationId: 'conv-b', body: 'Your parcel left the depot this morning.' },
    { type: 'assign', conversationId: 'conv-a', assigneeId: 'user-rep01' },
    { type: 'status', conversationId: 'conv-a', status: 'closed' },
  ],
  [
    { type: 'note', conversationId: 'conv-b', body: 'Checked with the courier.' },
    { type: 'reply', conversationId: 'conv-b', body: 'I have asked the courier for an update.' },
  ],
].map((actions, engine) =>
  actions.map((action, index): PlannedAction => ({ engine, index, action: action as WorkloadAction })),
);

/** The order the server applied them in, as [engine, index]. */
const ORDER: [number, number][] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [0, 2],
  [0, 3],
];

const idOf = (engine: number, index: number) => `action-e${engine}-${index}`;

function plannedAt(engine: number, index: number): WorkloadAction {
  const action = PLAN[engine]?.[index]?.action;
  if (!action) throw new Error(`no plan entry ${engine}/${index}`);
  return action;
}

/** What an honest server stores for ORDER (with `extra` applied too, as copies nobody reported). */
function honestServer(extra: { engine: number; index: number; actionId: string }[] = []): ServerState {
  const rows = new Map(['conv-a', 'conv-b'].map((id) => [id, conversation(id)]));
  const state: {
    [K in keyof ServerState]: ServerState[K] extends readonly (infer T)[] ? T[] : never;
  } = { applied: [], actionChanges: [], conversationChanges: [], messages: [], notes: [], conversations: [] };
  let seq = 100;
  const steps = [...extra, ...ORDER.map(([engine, index]) => ({ engine, index, actionId: idOf(engine, index) }))];
  for (const { engine, index, actionId } of steps) {
    const action = plannedAt(engine, index);
    const userId = USERS[engine] ?? '';
    const now = 10_000 + seq;
    const before = rows.get(action.conversationId) ?? conversation(action.conversationId);
    state.applied.push({ id: actionId, userId, type: action.type, conversationId: action.conversationId });
    if (action.type === 'reply' || action.type === 'note') {
      const text = {
        id: `stored-${actionId}`,
        clientId: actionId,
        conversationId: action.conversationId,
        authorId: userId,
        body: action.body,
        createdAt: now,
      };
      (action.type === 'reply' ? state.messages : state.notes).push(text);
      state.actionChanges.push({ actionId, kind: action.type === 'reply' ? 'message' : 'note', seq: ++seq });
    }
    const after = applyToConversation(before, toAction(action), now);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      state.actionChanges.push({ actionId, kind: 'conversation', seq: ++seq });
      state.conversationChanges.push({ seq, actionId, conversation: after });
      rows.set(after.id, after);
    }
  }
  state.conversations = [...rows.values()];
  return state;
}

function ledger(): LedgerEntry[] {
  return PLAN.flat().map(({ engine, index, action }) => ({
    engine,
    index,
    actionId: idOf(engine, index),
    type: action.type,
    conversationId: action.conversationId,
  }));
}

function expectation(overrides: Partial<Expectation> = {}): Expectation {
  return {
    plan: PLAN,
    engineUsers: USERS,
    ledger: ledger(),
    killCandidates: [],
    initial: [conversation('conv-a'), conversation('conv-b')],
    ...overrides,
  };
}

/** A server that got `actionId`'s effect wrong: its change row, every later row of the conversation and the final row. */
function rewrite(state: ServerState, actionId: string, edit: (c: Conversation) => Conversation): ServerState {
  const change = state.conversationChanges.find((row) => row.actionId === actionId);
  if (!change) throw new Error(`${actionId} wrote no conversation change`);
  const id = change.conversation.id;
  return {
    ...state,
    conversationChanges: state.conversationChanges.map((row) =>
      row.conversation.id === id && row.seq >= change.seq ? { ...row, conversation: edit(row.conversation) } : row,
    ),
    conversations: state.conversations.map((row) => (row.id === id ? edit(row) : row)),
  };
}

describe('chaos verifier', () => {
  it('passes an honest server', () => {
    const verdict = judge(honestServer(), expectation());
    expect(verdict).toMatchObject({
      acknowledged: 6,
      applied: 6,
      lost: [],
      duplicated: [],
      outOfOrder: [],
      unchanged: 0,
      unreported: 0,
      unexplained: [],
      content: [],
      replayed: { actions: 6, conversations: 2 },
    });
  });

  it('catches a server that drops a tag it acknowledged', () => {
    // The tag action is recorded as applied and writes a change row, but the tag is not in it;
    // later actions build on the row without it, so the final row lacks it too.
    const broken = rewrite(honestServer(), idOf(0, 0), (c) => ({ ...c, tags: c.tags.filter((t) => t !== 'vip') }));
    const { content, lost, duplicated, outOfOrder } = judge(broken, expectation());
    expect([lost, duplicated, outOfOrder]).toEqual([[], [], []]);
    expect(content).toEqual([
      {
        conversationId: 'conv-a',
        actionId: idOf(0, 0),
        what: 'its change row is unlike the tag: tags: [] ≠ ["vip"]',
      },
    ]);
  });

  it('catches a tag acknowledged but never written, and a final row changed behind the log', () => {
    const honest = honestServer();
    const tagId = idOf(0, 0);
    const unwritten: ServerState = {
      ...honest,
      actionChanges: honest.actionChanges.filter((row) => row.actionId !== tagId),
      conversationChanges: honest.conversationChanges
        .filter((row) => row.actionId !== tagId)
        .map((row) => ({ ...row, conversation: { ...row.conversation, tags: [] } })),
      conversations: honest.conversations.map((row) => ({ ...row, tags: [] })),
    };
    const verdict = judge(unwritten, expectation());
    expect(verdict.unchanged).toBe(1);
    expect(verdict.content.map((m) => [m.actionId, m.what])).toEqual([
      [tagId, 'the tag wrote no conversation change but should have: tags: [] ≠ ["vip"]'],
    ]);

    const reopened = judge(
      { ...honest, conversations: honest.conversations.map((row) => ({ ...row, status: 'open' as const })) },
      expectation(),
    );
    expect(reopened.content).toEqual([
      { conversationId: 'conv-a', actionId: null, what: 'the final row: status: "open" ≠ "closed"' },
    ]);
  });

  it('catches a wrong assignee, a wrong status and an altered reply', () => {
    const honest = honestServer();
    const wrongAssignee = rewrite(honest, idOf(0, 2), (c) => ({ ...c, assigneeId: 'user-rep02' }));
    expect(judge(wrongAssignee, expectation()).content.map((m) => m.what)).toEqual([
      'its change row is unlike the assign: assigneeId: "user-rep02" ≠ "user-rep01"',
    ]);
    const notClosed = rewrite(honest, idOf(0, 3), (c) => ({ ...c, status: 'pending' }));
    expect(judge(notClosed, expectation()).content.map((m) => m.what)).toEqual([
      'its change row is unlike the status: status: "pending" ≠ "closed"',
    ]);
    const altered = {
      ...honest,
      messages: honest.messages.map((m) => (m.clientId === idOf(1, 1) ? { ...m, body: 'I have asked.' } : m)),
    };
    expect(judge(altered, expectation()).content).toEqual([
      {
        conversationId: 'conv-b',
        actionId: idOf(1, 1),
        what: 'the reply is stored as "I have asked.", sent as "I have asked the courier for an update."',
      },
    ]);
  });

  it('explains a copy committed just before an engine kill, and only with a kill to explain it', () => {
    // Engine 0 committed its tag, was killed before reporting it, and queued it again: the
    // second copy changed nothing.
    const killed = honestServer([{ engine: 0, index: 0, actionId: 'action-e0-0-unreported' }]);
    const explained = judge(killed, expectation({ killCandidates: [{ engine: 0, index: 0 }] }));
    expect(explained).toMatchObject({ unreported: 1, unchanged: 1, unexplained: [], content: [], lost: [] });

    const unexplained = judge(killed, expectation());
    expect(unexplained.unreported).toBe(0);
    expect(unexplained.unexplained).toEqual([
      { actionId: 'action-e0-0-unreported', type: 'tag', conversationId: 'conv-a' },
    ]);
  });

  it('still finds lost, duplicated and reordered actions', () => {
    const honest = honestServer();
    const lostReply = idOf(0, 1);
    const lost = judge(
      {
        ...honest,
        applied: honest.applied.filter((row) => row.id !== lostReply),
        messages: honest.messages.filter((row) => row.clientId !== lostReply),
      },
      expectation(),
    );
    expect(lost.lost.map((entry) => entry.actionId)).toEqual([lostReply]);

    const twice = judge(
      { ...honest, actionChanges: [...honest.actionChanges, { actionId: idOf(1, 0), kind: 'note', seq: 999 }] },
      expectation(),
    );
    expect(twice.duplicated).toEqual([{ actionId: idOf(1, 0), type: 'note', copies: 2 }]);

    const swapped = honest.actionChanges.map((row) => (row.actionId === idOf(0, 3) ? { ...row, seq: 1 } : row));
    expect(judge({ ...honest, actionChanges: swapped }, expectation()).outOfOrder.map((e) => e.actionId)).toEqual([
      idOf(0, 3),
    ]);
  });
});
