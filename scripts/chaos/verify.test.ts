// The verifier on hand-made server states: an honest server passes; each way of breaking one
// (a tag dropped, a body altered, an assignee or status wrong, an effect never written, an action
// nobody reported, a bulk part lost or applied twice, a canned resolution lost, leaked or let
// through a clash) is caught and named.
import { describe, expect, it } from 'vitest';
import type { CannedResolution, Conversation, User } from '../../shared/domain/entities';
import { applyToConversation, applyToLibrary, isOnNoConversation } from '../../shared/sync';
import { toAction } from './content';
import { conversationsOf } from './messages';
import type { LibraryItem, PlannedAction, PlannedRefusal, WorkloadAction } from './messages';
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

const CONVERSATIONS = ['conv-a', 'conv-b', 'conv-c', 'conv-d'];

/** Each rep's canned resolutions before the run: both have one titled "Refund sent". */
const LIBRARIES: LibraryItem[] = USERS.map((ownerId, n) => ({
  id: `preloaded-${n}`,
  ownerId,
  title: 'Refund sent',
  body: 'Your refund is on its way.',
}));

/**
 * Engine 0 owns conv-a, conv-c and conv-d (tags, assignment, status, a bulk assignment); both
 * engines write to conv-b; each keeps its own canned resolutions (engine 0's second save clashes
 * with its own "Refund sent" and is meant to be refused; engine 1 may use the same titles).
 */
const PLAN: PlannedAction[][] = [
  [
    { action: { type: 'tag', conversationId: 'conv-a', tag: 'vip', on: true } },
    { action: { type: 'reply', conversationId: 'conv-b', body: 'Your parcel left the depot this morning.' } },
    { action: { type: 'assign', conversationId: 'conv-a', assigneeId: 'user-rep01' } },
    { action: { type: 'status', conversationId: 'conv-a', status: 'closed' } },
    { action: { type: 'assignMany', conversationIds: ['conv-c', 'conv-d'], assigneeId: 'user-rep01' } },
    {
      action: {
        type: 'saveResolution',
        resolution: { id: 'res-0', title: 'Courier asked', body: 'I have asked the courier.' },
      },
    },
    {
      action: { type: 'saveResolution', resolution: { id: 'res-1', title: ' REFUND SENT ', body: 'Twice.' } },
      refusal: 'conflict' as PlannedRefusal,
    },
  ],
  [
    { action: { type: 'note', conversationId: 'conv-b', body: 'Checked with the courier.' } },
    { action: { type: 'reply', conversationId: 'conv-b', body: 'I have asked the courier for an update.' } },
    {
      action: {
        type: 'saveResolution',
        resolution: { id: 'res-e1', title: 'Courier asked', body: 'The courier has been asked.' },
      },
    },
    { action: { type: 'deleteResolution', resolutionId: 'preloaded-1' } },
  ],
].map((actions, engine) =>
  actions.map(({ action, refusal }: { action: unknown; refusal?: PlannedRefusal }, index): PlannedAction => ({
    engine,
    index,
    action: action as WorkloadAction,
    ...(refusal ? { refusal } : {}),
  })),
);

/** The order the server applied them in, as [engine, index] (engine 0's clash is refused by its engine). */
const ORDER: [number, number][] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [0, 2],
  [0, 3],
  [0, 4],
  [1, 2],
  [0, 5],
  [1, 3],
];
const REFUSED = {
  engine: 0,
  index: 6,
  code: 'conflict',
  message: 'You already have a canned resolution called “Refund sent”.',
};

const idOf = (engine: number, index: number) => `action-e${engine}-${index}`;

function plannedAt(engine: number, index: number): WorkloadAction {
  const action = PLAN[engine]?.[index]?.action;
  if (!action) throw new Error(`no plan entry ${engine}/${index}`);
  return action;
}

function actor(id: string): User {
  return { id, name: id, email: `${id}@example.com`, role: 'rep', teamIds: ['team-orders'] };
}

/** What an honest server stores for `order` (with `extra` applied first, as copies nobody reported). */
function honestServer(
  extra: { engine: number; index: number; actionId: string }[] = [],
  order: [number, number][] = ORDER,
): ServerState {
  const rows = new Map(CONVERSATIONS.map((id) => [id, conversation(id)]));
  let library: CannedResolution[] = LIBRARIES.map((item) => ({ ...item, updatedAt: 0 }));
  const state: {
    [K in keyof ServerState]: ServerState[K] extends readonly (infer T)[] ? T[] : never;
  } = {
    applied: [],
    actionChanges: [],
    conversationChanges: [],
    messages: [],
    notes: [],
    conversations: [],
    resolutionChanges: [],
    libraries: [],
  };
  let seq = 100;
  const steps = [...extra, ...order.map(([engine, index]) => ({ engine, index, actionId: idOf(engine, index) }))];
  for (const { engine, index, actionId } of steps) {
    const action = plannedAt(engine, index);
    const userId = USERS[engine] ?? '';
    const now = 10_000 + seq;
    const targets = conversationsOf(action);
    state.applied.push({
      id: actionId,
      userId,
      type: action.type,
      conversationId: targets.length === 1 && action.type !== 'assignMany' ? (targets[0] ?? null) : null,
      refusedParts: [],
    });
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
      state.actionChanges.push({
        actionId,
        kind: action.type === 'reply' ? 'message' : 'note',
        entityId: text.id,
        seq: ++seq,
      });
    }
    for (const id of targets) {
      const before = rows.get(id) ?? conversation(id);
      const after = applyToConversation(before, toAction(action), now);
      if (JSON.stringify(after) === JSON.stringify(before)) continue;
      state.actionChanges.push({ actionId, kind: 'conversation', entityId: id, seq: ++seq });
      state.conversationChanges.push({ seq, actionId, conversation: after });
      rows.set(after.id, after);
    }
    const sent = toAction(action);
    if (isOnNoConversation(sent)) {
      const after = applyToLibrary(library, sent, { actor: actor(userId), items: library, now });
      const id = sent.type === 'saveResolution' ? sent.resolution.id : sent.resolutionId;
      const item = after.find((candidate) => candidate.id === id);
      const kind = item ? 'resolution' : 'delete';
      state.actionChanges.push({ actionId, kind, entityId: id, seq: ++seq });
      const saved = item ? { id, ownerId: item.ownerId, title: item.title, body: item.body } : null;
      state.resolutionChanges.push({ seq, actionId, teamId: null, userId, entityId: id, item: saved });
      library = after;
    }
  }
  state.conversations = [...rows.values()];
  state.libraries = library.map(({ id, ownerId, title, body }) => ({ id, ownerId, title, body }));
  return state;
}

function ledger(): LedgerEntry[] {
  return PLAN.flat()
    .filter(({ refusal }) => refusal === undefined)
    .map(({ engine, index, action }) => ({
      engine,
      index,
      actionId: idOf(engine, index),
      type: action.type,
      conversationIds: conversationsOf(action),
    }));
}

/** Each engine's library once synced: its user's items on the honest server. */
function engineLibraries(state: ServerState): LibraryItem[][] {
  return USERS.map((userId) => state.libraries.filter((item) => item.ownerId === userId));
}

function expectation(overrides: Partial<Expectation> = {}): Expectation {
  return {
    plan: PLAN,
    engineUsers: USERS,
    ledger: ledger(),
    killCandidates: [],
    initial: CONVERSATIONS.map(conversation),
    initialLibraries: LIBRARIES,
    refusedByEngine: [REFUSED],
    refusedByServer: [],
    engineLibraries: engineLibraries(honestServer()),
    foreign: [],
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
      acknowledged: 10,
      applied: 10,
      lost: [],
      lostParts: [],
      duplicated: [],
      outOfOrder: [],
      unchanged: 0,
      unreported: 0,
      unexplained: [],
      content: [],
      library: [],
      replayed: { actions: 10, conversations: 4, libraries: 2 },
      refusals: { planned: 1, asPlanned: 1, missing: [], repeats: 0, unexpected: [] },
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
      {
        ...honest,
        actionChanges: [
          ...honest.actionChanges,
          { actionId: idOf(1, 0), kind: 'note', entityId: 'stored-again', seq: 999 },
        ],
      },
      expectation(),
    );
    expect(twice.duplicated).toEqual([{ actionId: idOf(1, 0), type: 'note', copies: 2 }]);

    const swapped = honest.actionChanges.map((row) => (row.actionId === idOf(0, 3) ? { ...row, seq: 1 } : row));
    expect(judge({ ...honest, actionChanges: swapped }, expectation()).outOfOrder.map((e) => e.actionId)).toEqual([
      idOf(0, 3),
    ]);
  });

  it('catches a part of a bulk assignment that was lost, whether unwritten or refused', () => {
    const honest = honestServer();
    const bulk = idOf(0, 4);
    const unwritten: ServerState = {
      ...honest,
      actionChanges: honest.actionChanges.filter((row) => !(row.actionId === bulk && row.entityId === 'conv-d')),
      conversationChanges: honest.conversationChanges.filter(
        (row) => !(row.actionId === bulk && row.conversation.id === 'conv-d'),
      ),
      conversations: honest.conversations.map((row) => (row.id === 'conv-d' ? conversation('conv-d') : row)),
    };
    const verdict = judge(unwritten, expectation());
    expect([verdict.lost, verdict.duplicated, verdict.library]).toEqual([[], [], []]);
    expect(verdict.content).toEqual([
      {
        conversationId: 'conv-d',
        actionId: bulk,
        what: 'the assignMany wrote no conversation change but should have: assigneeId: null ≠ "user-rep01"',
      },
    ]);

    const refused = {
      ...unwritten,
      applied: unwritten.applied.map((row) =>
        row.id === bulk ? { ...row, refusedParts: [{ conversationId: 'conv-d', reason: 'reassigned' }] } : row,
      ),
    };
    expect(judge(refused, expectation()).lostParts).toEqual([
      { actionId: bulk, conversationId: 'conv-d', reason: 'reassigned' },
    ]);
  });

  it('catches a bulk assignment applied as two change sets', () => {
    const honest = honestServer();
    const bulk = idOf(0, 4);
    const again = honest.actionChanges
      .filter((row) => row.actionId === bulk)
      .map((row, i) => ({ ...row, seq: 900 + i }));
    const twice = judge({ ...honest, actionChanges: [...honest.actionChanges, ...again] }, expectation());
    expect(twice.duplicated).toEqual([{ actionId: bulk, type: 'assignMany', copies: 2 }]);

    // One conversation changed twice within what looks like one change set is a duplicate too.
    const doubled = honest.actionChanges.flatMap((row) =>
      row.actionId === bulk && row.entityId === 'conv-c' ? [row, { ...row, seq: row.seq + 1 }] : [row],
    );
    expect(judge({ ...honest, actionChanges: doubled }, expectation()).duplicated).toEqual([
      { actionId: bulk, type: 'assignMany', copies: 2 },
    ]);
  });

  it('catches a canned resolution that was acknowledged and applied but never saved', () => {
    const honest = honestServer();
    const save = idOf(0, 5);
    const unsaved: ServerState = {
      ...honest,
      actionChanges: honest.actionChanges.filter((row) => row.actionId !== save),
      resolutionChanges: honest.resolutionChanges.filter((row) => row.actionId !== save),
      libraries: honest.libraries.filter((item) => item.id !== 'res-0'),
    };
    const { library, lost } = judge(unsaved, expectation({ engineLibraries: engineLibraries(unsaved) }));
    expect(lost).toEqual([]);
    expect(library).toEqual([
      {
        userId: 'user-rep01',
        actionId: save,
        what: 'res-0: the saveResolution wrote nothing, the rule gives “Courier asked”: “I have asked the courier.” of user-rep01',
      },
      { userId: 'user-rep01', actionId: null, what: 'the final library, unlike the workload: res-0 is missing' },
    ]);
  });

  it('catches a canned resolution of one rep held by another rep’s engine, or addressed to them', () => {
    const honest = honestServer();
    const leaked = honest.libraries.find((item) => item.id === 'res-0');
    if (!leaked) throw new Error('res-0 is not saved');
    const [mine = [], theirs = []] = engineLibraries(honest);
    const held = judge(honest, expectation({ engineLibraries: [mine, [...theirs, leaked]] }));
    expect(held.library).toEqual([
      {
        userId: 'user-rep01',
        actionId: null,
        what: "engine 1 (user-rep02) holds user-rep01's canned resolution res-0 “Courier asked”",
      },
    ]);
    const shown = judge(honest, expectation({ foreign: [{ engine: 1, item: leaked }] }));
    expect(shown.library.map((m) => m.what)).toEqual([
      "engine 1 (user-rep02) showed user-rep01's canned resolution res-0 “Courier asked”",
    ]);

    const misaddressed = {
      ...honest,
      resolutionChanges: honest.resolutionChanges.map((row) =>
        row.entityId === 'res-0' ? { ...row, userId: 'user-rep02' } : row,
      ),
    };
    expect(judge(misaddressed, expectation()).library.map((m) => m.what)).toContain(
      `the change of res-0 (seq ${honest.resolutionChanges.find((row) => row.entityId === 'res-0')?.seq}) is addressed to user-rep02, not to its owner user-rep01`,
    );
  });

  it('catches a title clash that was applied instead of refused, and a refusal nobody meant', () => {
    const clash = idOf(0, 6);
    const applied = honestServer([], [...ORDER, [0, 6]]);
    const withClash = [
      ...ledger(),
      { engine: 0, index: 6, actionId: clash, type: 'saveResolution' as const, conversationIds: [] },
    ];
    const verdict = judge(
      applied,
      expectation({ ledger: withClash, refusedByEngine: [], engineLibraries: engineLibraries(applied) }),
    );
    expect(verdict.refusals).toMatchObject({
      planned: 1,
      asPlanned: 0,
      missing: [{ engine: 0, index: 6, refusal: 'conflict', what: `applied as ${clash}` }],
    });
    expect(verdict.library.map((m) => [m.actionId, m.what.split(' (')[0]])).toEqual([
      [clash, 'the saveResolution was applied although the rule refuses it'],
      [null, 'the final library, unlike the workload: res-1 is there but should not be'],
    ]);

    const unplanned = { engine: 1, index: 3, code: 'not_found', message: 'That canned resolution does not exist.' };
    const refusals = judge(honestServer(), expectation({ refusedByEngine: [REFUSED, unplanned] })).refusals;
    expect(refusals.unexpected).toEqual([unplanned]);
  });
});
