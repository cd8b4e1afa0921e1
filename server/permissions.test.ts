// The permission matrix (shared/domain/permissions.ts), cell by cell, against the real server:
// every role × operation × whose thing it is. What the matrix allows must work; what it refuses
// must answer nothing and change nothing, also when the request names another team's ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation, Role, User } from '../shared/domain/entities';
import { CaredeskError } from '../shared/domain/errors';
import { OPERATIONS, PERMISSIONS, reachOf } from '../shared/domain/permissions';
import type { Operation } from '../shared/domain/permissions';
import type { Action } from '../shared/sync/actions';
import { hashPassword } from './auth/password';
import { createTeam, createUser, getUser } from './db/accounts';
import { latestSeq, pullChanges } from './db/changes';
import { insertConversation } from './db/conversations';
import { getCustomer, insertCustomer, upsertOrder } from './db/customers';
import { openSmsConversation, smsCustomer, testOrder } from './db/testing';
import { DEMO_PASSWORD } from './demo/generate';
import { applyAction } from './services/actions/apply';
import { changeCsatQuestion } from './services/csat';
import { changeTeamSla } from './services/sla-settings';
import { DEFAULT_SLA_POLICY } from '../shared/domain/sla';
import { DEFAULT_ROUTING } from '../shared/domain/routing';
import { eraseCustomer } from './services/erasure';
import { readRoutingSettings, writeRoutingSettings } from './services/routing/settings';
import { adminRenameTeam, adminUpdateUser } from './services/admin';
import { changeMembership } from './services/membership';
import { createChannelAccount, listChannelAccounts } from './services/channel-accounts';
import { lookupHandlers } from './socket/lookups';
import { startTestServer } from './testing';
import type { TestServer } from './testing';

const NOW = 1_800_000_000_000;

/** Whose thing a request is about, seen from an actor of team `a`. */
type Target = 'own' | 'teammate' | 'otherTeam';
const TARGETS: Target[] = ['own', 'teammate', 'otherTeam'];
const ROLES: Role[] = ['rep', 'lead', 'admin'];

/** Allowed, or refused / answered with nothing. */
type Outcome = 'allowed' | 'refused';

let server: TestServer;
let counter = 0;
const next = (prefix: string) => `${prefix}-${String(++counter).padStart(5, '0')}`;
const actors = {} as Record<Role, User>;
const people = {} as Record<'carol' | 'bert' | 'newbie', User>;

/** What the matrix says, for an actor of team `a` (an admin belongs to every team). */
function expected(actor: User, operation: Operation, target: Target): Outcome {
  const reach = reachOf(actor.role, operation);
  if (reach === 'all') return 'allowed';
  if (reach === 'own') return target === 'own' ? 'allowed' : 'refused';
  if (reach === 'teams') return target !== 'otherTeam' || actor.teamIds.includes('b') ? 'allowed' : 'refused';
  return 'refused';
}

/** A conversation for the target: of team a (the actor's, or a teammate's) or of team b. */
async function conversationFor(actor: User, target: Target): Promise<Conversation> {
  const customerId = next('cust');
  await server.sql.transaction((tx) =>
    insertCustomer(tx, smsCustomer(customerId, `+1415555${String(counter).padStart(4, '0')}`, NOW)),
  );
  const assigneeId = { own: actor.id, teammate: people.carol.id, otherTeam: people.bert.id }[target];
  const teamId = target === 'otherTeam' ? 'b' : 'a';
  const conversation = openSmsConversation({ id: next('conv'), teamId, customerId, assigneeId }, NOW);
  await insertConversation(server.sql, conversation, NOW);
  return conversation;
}

const on = (conversation: Conversation) => ({
  conversationId: conversation.id,
  seenAssigneeId: conversation.assigneeId,
});

/** Runs a write; a refusal must be a CaredeskError that wrote nothing to the log. */
async function write(run: () => Promise<unknown>): Promise<Outcome> {
  const before = await latestSeq(server.sql);
  try {
    await run();
    return 'allowed';
  } catch (error) {
    if (!(error instanceof CaredeskError)) throw error;
    expect(await latestSeq(server.sql)).toBe(before);
    return 'refused';
  }
}

const act = (actor: User, action: Action) => applyAction(server.sql, actor, { id: next('action'), action }, NOW);

/** Runs a read; a refusal is a CaredeskError, or an answer without what was asked for. */
async function read(run: () => Promise<boolean>): Promise<Outcome> {
  try {
    return (await run()) ? 'allowed' : 'refused';
  } catch (error) {
    if (!(error instanceof CaredeskError)) throw error;
    return 'refused';
  }
}

/** A personal canned resolution of the target's person, created by them. */
async function personalResolution(actor: User, target: Target): Promise<string> {
  const owner = { own: actor, teammate: people.carol, otherTeam: people.bert }[target];
  const id = next('res');
  await act(owner, { type: 'saveResolution', resolution: { id, title: id, body: 'Thanks for waiting.' } });
  return id;
}

/** One probe per operation (a new operation without one does not compile). */
const probes: Record<Operation, (actor: User, target: Target) => Promise<Outcome>> = {
  readQueue: async (actor, target) => {
    const conversation = await conversationFor(actor, target);
    const page = await pullChanges(server.sql, actor.teamIds, 0, 100_000, actor.id);
    const seen = page.changes.some((c) => c.kind === 'conversation' && c.data.id === conversation.id);
    return seen ? 'allowed' : 'refused';
  },
  workConversation: async (actor, target) => {
    const conversation = await conversationFor(actor, target);
    return write(() => act(actor, { type: 'tag', ...on(conversation), tag: 'checked', on: true }));
  },
  assign: async (actor, target) => {
    // Once alone and once in a bulk action: both must agree.
    const one = await conversationFor(actor, target);
    const single = await write(() => act(actor, { type: 'assign', ...on(one), assigneeId: null }));
    const many = await conversationFor(actor, target);
    const bulk = await write(async () => {
      const outcome = await act(actor, { type: 'assignMany', items: [on(many)], assigneeId: null });
      const refusal = outcome.result.results?.[0];
      if (refusal && !refusal.ok) throw new CaredeskError(refusal.error.code, refusal.error.message);
    });
    expect(bulk).toBe(single);
    return single;
  },
  prioritize: async (actor, target) => {
    const conversation = await conversationFor(actor, target);
    const outcome = await write(() => act(actor, { type: 'setPriority', ...on(conversation), priority: 'high' }));
    // Stored exactly when allowed; refused (another team's id: not_found) leaves it automatic.
    const stored = await server.sql.query<{ priority: string | null }>(
      'select priority from conversations where id = $1',
      [conversation.id],
    );
    expect(stored[0]?.priority === 'high').toBe(outcome === 'allowed');
    // Whoever may not touch a teammate's conversation may still set one in their team's queue.
    const queued = await conversationFor(actor, target);
    await server.sql.query('update conversations set assignee_id = null where id = $1', [queued.id]);
    const onQueued = await write(() =>
      act(actor, { type: 'setPriority', conversationId: queued.id, seenAssigneeId: null, priority: 'urgent' }),
    );
    expect(onQueued).toBe(target === 'otherTeam' && !actor.teamIds.includes('b') ? 'refused' : 'allowed');
    return outcome;
  },
  approveRefund: async (actor, target) => {
    const conversation = await conversationFor(actor, target);
    const orderId = next('order');
    const requestId = next('request');
    const waiting = testOrder({ id: orderId, customerId: conversation.customerId, number: `#${orderId}` }, NOW);
    await upsertOrder(
      server.sql,
      {
        ...waiting,
        payments: [{ id: 'pay', method: 'card', amountCents: 4200, status: 'captured', processedAt: NOW }],
        refundRequests: [
          {
            id: requestId,
            conversationId: conversation.id,
            amountCents: 4200,
            reason: 'damaged',
            note: '',
            requestedBy: people.carol.id,
            requestedAt: NOW,
            status: 'awaiting_approval',
          },
        ],
      },
      NOW,
    );
    return write(() => act(actor, { type: 'approveRefund', ...on(conversation), orderId, requestId }));
  },
  personalLibrary: async (actor, target) => {
    const id = await personalResolution(actor, target);
    return write(() => act(actor, { type: 'deleteResolution', resolutionId: id }));
  },
  teamLibrary: async (actor, target) => {
    const teamId = target === 'otherTeam' ? 'b' : 'a';
    const id = next('team-res');
    return write(() => act(actor, { type: 'saveResolution', resolution: { id, title: id, body: 'Hi.', teamId } }));
  },
  findCustomers: async (actor, target) => {
    const conversation = await conversationFor(actor, target);
    const record = await lookupHandlers(server.sql).customer(actor, { customerId: conversation.customerId });
    // Any customer of the organisation may be opened; its conversations only of the actor's teams.
    expect(record.conversations.every((c) => actor.teamIds.includes(c.teamId))).toBe(true);
    return record.customer.id === conversation.customerId ? 'allowed' : 'refused';
  },
  readAudit: async (actor, target) => {
    const conversation = await conversationFor(actor, target);
    return read(async () => {
      const page = await lookupHandlers(server.sql).audit(actor, {
        entity: { kind: 'conversation', id: conversation.id },
        limit: 50,
      });
      return page.entries.length > 0;
    });
  },
  postInbound: async (actor, target) => {
    // The customer already writes in a conversation of the target's team: the message joins it
    // only where the actor may post; a lead's message never reaches another team.
    const conversation = await conversationFor(actor, target);
    const rows = await server.sql.query<{ value: string }>('select value from identities where customer_id = $1', [
      conversation.customerId,
    ]);
    const { token } = await server.signIn(actor.email);
    const before = await latestSeq(server.sql);
    const response = await fetch(new URL('/api/inbound', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'sms', from: rows[0]?.value, body: 'Any news?' }),
    });
    if (response.status === 403) {
      expect(await latestSeq(server.sql)).toBe(before);
      return 'refused';
    }
    expect(response.status).toBe(201);
    const answer = (await response.json()) as { conversationId: string };
    return answer.conversationId === conversation.id ? 'allowed' : 'refused';
  },
  changeMembership: async (actor, target) => {
    const teamId = target === 'otherTeam' ? 'b' : 'a';
    const request = { teamId, userId: people.newbie.id, member: true };
    const outcome = await write(() => changeMembership(server.sql, actor, request, NOW));
    // Put things back for the next cell.
    const admin = actors.admin;
    await changeMembership(server.sql, admin, { ...request, member: false }, NOW);
    return outcome;
  },
  manageCsat: async (actor, target) => {
    const teamId = target === 'otherTeam' ? 'b' : 'a';
    const question = `How did we do? ${next('q')}`;
    const changed = await read(async () => {
      await changeCsatQuestion(server.sql, actor, teamId, question, NOW);
      return true;
    });
    const stored = await server.sql.query<{ q: string | null }>('select csat_question as q from teams where id = $1', [
      teamId,
    ]);
    expect(stored[0]?.q === question).toBe(changed === 'allowed');
    const report = await read(async () => {
      const value = await lookupHandlers(server.sql).csat(actor, { teamId, from: 0, to: NOW, tzOffsetMinutes: 0 });
      return value.teams.some((team) => team.teamId === teamId && team.question === question);
    });
    // Reading and setting go together.
    expect(report).toBe(changed);
    return changed;
  },
  manageSla: async (actor, target) => {
    const teamId = target === 'otherTeam' ? 'b' : 'a';
    const sla = { ...DEFAULT_SLA_POLICY, warnShare: Math.round(100 * (0.1 + (++counter % 50) / 100)) / 100 };
    const outcome = await write(() => changeTeamSla(server.sql, actor, teamId, sla, NOW));
    const stored = await server.sql.query<{ share: number | null }>(
      "select (sla ->> 'warnShare')::float as share from teams where id = $1",
      [teamId],
    );
    expect(stored[0]?.share === sla.warnShare).toBe(outcome === 'allowed');
    return outcome;
  },
  manageRouting: async (actor, target) => {
    const teamId = target === 'otherTeam' ? 'b' : 'a';
    const settings = { ...DEFAULT_ROUTING, mode: 'fewest_open' as const, maxOpen: counter + 1 };
    const outcome = await write(() => writeRoutingSettings(server.sql, actor, teamId, settings, NOW));
    const stored = await server.sql.query<{ max_open: number }>(
      'select max_open from routing_settings where team_id = $1',
      [teamId],
    );
    expect(stored[0]?.max_open === settings.maxOpen).toBe(outcome === 'allowed');
    // Reading is allowed exactly where writing is.
    const read = await write(() => readRoutingSettings(server.sql, actor, teamId));
    expect(read).toBe(outcome);
    return outcome;
  },
  eraseCustomer: async (actor, target) => {
    const conversation = await conversationFor(actor, target);
    const customer = await getCustomer(server.sql, conversation.customerId);
    const request = { confirmName: customer?.name ?? '' };
    const outcome = await write(() => eraseCustomer(server.sql, actor, conversation.customerId, request, NOW));
    const left = await server.sql.query('select 1 from customers where id = $1', [conversation.customerId]);
    expect(left).toHaveLength(outcome === 'allowed' ? 0 : 1);
    return outcome;
  },
  manageUsers: async (actor, target) => {
    const person = { own: actor, teammate: people.carol, otherTeam: people.bert }[target];
    const cents = 1000 + ++counter;
    const outcome = await write(() => adminUpdateUser(server.sql, actor, person.id, { refundLimitCents: cents }, NOW));
    const stored = await server.sql.query<{ cents: number | null }>(
      'select refund_limit_cents::int as cents from users where id = $1',
      [person.id],
    );
    expect(stored[0]?.cents === cents).toBe(outcome === 'allowed');
    return outcome;
  },
  manageTeams: async (actor, target) => {
    const teamId = target === 'otherTeam' ? 'b' : 'a';
    const name = next('Renamed');
    const outcome = await write(() => adminRenameTeam(server.sql, actor, teamId, { name }, NOW));
    const stored = await server.sql.query<{ name: string }>('select name from teams where id = $1', [teamId]);
    expect(stored[0]?.name === name).toBe(outcome === 'allowed');
    return outcome;
  },
  manageChannels: async (actor, target) => {
    const teamId = target === 'otherTeam' ? 'b' : 'a';
    const account = `+1415666${String(++counter).padStart(4, '0')}`;
    const request = { channel: 'sms' as const, account, displayName: account, teamId };
    const outcome = await write(() => createChannelAccount(server.sql, actor, request, NOW));
    const stored = await server.sql.query('select 1 from channel_accounts where account = $1', [account]);
    expect(stored).toHaveLength(outcome === 'allowed' ? 1 : 0);
    // Listing is allowed exactly where adding is.
    expect(await write(() => listChannelAccounts(server.sql, actor))).toBe(outcome);
    return outcome;
  },
};

describe('the permission matrix', () => {
  beforeAll(async () => {
    server = await startTestServer({ clock: () => NOW });
    await createTeam(server.sql, { id: 'a', name: 'Team A' }, NOW);
    await createTeam(server.sql, { id: 'b', name: 'Team B' }, NOW);
    const password = await hashPassword(DEMO_PASSWORD);
    const user = (id: string, role: Role, teamIds: string[]) =>
      createUser(server.sql, { id, name: id, email: `${id}@example.com`, role, teamIds, password }, NOW);
    actors.rep = await user('alice', 'rep', ['a']);
    actors.lead = await user('lena', 'lead', ['a']);
    // An admin added to no team belongs to every team.
    await user('ada', 'admin', []);
    actors.admin = (await getUser(server.sql, 'ada'))!;
    people.carol = await user('carol', 'rep', ['a']);
    people.bert = await user('bert', 'rep', ['b']);
    people.newbie = await user('newbie', 'rep', []);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('is the table docs/permissions.md shows, row for row', () => {
    const doc = readFileSync(join(__dirname, '../docs/permissions.md'), 'utf8');
    const rows = doc
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const table = Object.fromEntries(
      rows.map(([, operation, rep, lead, admin]) => [operation!.replaceAll('`', ''), { rep, lead, admin }]),
    );
    expect(table).toEqual(PERMISSIONS);
  });

  it('lists a reach for every role of every operation', () => {
    for (const operation of OPERATIONS) expect(Object.keys(PERMISSIONS[operation]).sort()).toEqual([...ROLES].sort());
  });

  it('makes an admin a member of every team, the ones created later included', async () => {
    expect(actors.admin.teamIds).toEqual(['a', 'b']);
    await createTeam(server.sql, { id: 'c', name: 'Team C' }, NOW);
    expect((await getUser(server.sql, 'ada'))?.teamIds).toEqual(['a', 'b', 'c']);
    const page = await pullChanges(server.sql, [], 0, 100_000, null);
    const last = page.changes.filter((c) => c.kind === 'user' && c.data.id === 'ada').at(-1);
    expect(last?.kind === 'user' && last.data.teamIds).toEqual(['a', 'b', 'c']);
    await expect(
      changeMembership(server.sql, actors.lead, { teamId: 'a', userId: 'ada', member: false }, NOW),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it("answers setPriority on another team's conversation not_found, for a rep and a lead, and changes nothing", async () => {
    for (const actor of [actors.rep, actors.lead]) {
      const conversation = await conversationFor(actor, 'otherTeam');
      const before = await latestSeq(server.sql);
      await expect(act(actor, { type: 'setPriority', ...on(conversation), priority: 'urgent' })).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(await latestSeq(server.sql)).toBe(before);
      const stored = await server.sql.query('select priority from conversations where id = $1', [conversation.id]);
      expect(stored).toEqual([{ priority: null }]);
    }
  });

  const cells = OPERATIONS.flatMap((operation) =>
    ROLES.flatMap((role) => TARGETS.map((target) => ({ operation, role, target }))),
  );

  it.each(cells)('$role · $operation · $target', async ({ operation, role, target }) => {
    const actor = actors[role];
    const outcome = await probes[operation](actor, target);
    expect(outcome).toBe(expected(actor, operation, target));
  });
});
