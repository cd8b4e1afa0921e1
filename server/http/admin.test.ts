// The admin routes (shared/sync/admin.ts) against the real server, on PGlite and PostgreSQL: what
// an admin does is stored and audited; what a rep or lead asks, or a malformed body, changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminRoutes } from '../../shared/sync/admin';
import { getUser } from '../db/accounts';
import { latestSeq, pullChanges } from '../db/changes';
import { insertConversation } from '../db/conversations';
import { insertCustomer } from '../db/customers';
import { openSmsConversation, refusalOf, smsCustomer } from '../db/testing';
import { applyAction } from '../services/actions/apply';
import { DEMO_TEAMS } from '../demo/generate';
import type { TestServer } from '../testing';
import { routeBackends, signedInServer } from './testing';

const NOW = 1_800_000_000_000;
const PASSWORD = 'correct horse battery';

const selected = routeBackends({ clock: () => NOW });

describe.each(selected)('admin routes on $kind', (backend) => {
  const routes = signedInServer(backend);
  const { tokens, call } = routes;
  let server: TestServer;
  const logged: unknown[] = [];

  beforeAll(() => {
    server = routes.server;
  });

  /** Everything a refused or malformed request must leave as it was. */
  async function state() {
    return {
      seq: await latestSeq(server.sql),
      users: await server.sql.query('select id, name, email, role, refund_limit_cents, active from users order by id'),
      members: await server.sql.query('select team_id, user_id from team_members order by team_id, user_id'),
      teams: await server.sql.query('select id, name from teams order by id'),
      audit: await server.sql.query('select count(*)::int as n from audit_log'),
      sessions: await server.sql.query('select count(*)::int as n from sessions'),
    };
  }

  const auditOf = (kind: string, id: string) =>
    server.sql.query<{ actor: string; type: string; before: unknown; after: unknown }>(
      'select actor, type, before, after from audit_log where entity_kind = $1 and entity_id = $2 order by id',
      [kind, id],
    );

  it('lets an admin create a user in two teams, who then signs in; the creation is audited', async () => {
    const created = await call(tokens.admin, 'POST', AdminRoutes.users, {
      email: '  Nadia.Okafor@Northwind.example ',
      name: 'Nadia Okafor',
      role: 'rep',
      password: PASSWORD,
      teamIds: [DEMO_TEAMS.returns.id, DEMO_TEAMS.orders.id],
      refundLimitCents: 7500,
    });
    expect(created.status).toBe(201);
    const user = created.body.user as { id: string };
    expect(created.body.user).toEqual({
      id: expect.stringMatching(/^user-[0-9a-f]{16}$/) as string,
      email: 'nadia.okafor@northwind.example',
      name: 'Nadia Okafor',
      role: 'rep',
      teamIds: [DEMO_TEAMS.orders.id, DEMO_TEAMS.returns.id],
      refundLimitCents: 7500,
      active: true,
    });

    const listed = await call(tokens.admin, 'GET', AdminRoutes.users);
    expect(listed.status).toBe(200);
    expect(listed.body.users).toContainEqual(created.body.user);
    expect(listed.body.users).toContainEqual(
      expect.objectContaining({ id: 'user-rep01', role: 'rep', refundLimitCents: null, active: true }),
    );

    const session = await server.signIn('nadia.okafor@northwind.example', PASSWORD);
    expect(session.user.id).toBe(user.id);
    expect(await auditOf('user', user.id)).toEqual([
      {
        actor: 'user-admin',
        type: 'user_created',
        before: null,
        after: { role: 'rep', teamIds: [DEMO_TEAMS.orders.id, DEMO_TEAMS.returns.id] },
      },
      { actor: 'user-admin', type: 'user_created', before: null, after: { refundLimitCents: 7500 } },
    ]);
    // The password is stored hashed, never as given.
    const stored = await server.sql.query<{ password_hash: string }>('select password_hash from users where id = $1', [
      user.id,
    ]);
    expect(stored[0]?.password_hash).not.toContain(PASSWORD);
    expect(logged).toEqual([]);
  });

  it('makes a new admin a member of every team, in the answer and in what engines are sent', async () => {
    const created = await call(tokens.admin, 'POST', AdminRoutes.users, {
      email: 'second.admin@northwind.example',
      name: 'Second Admin',
      role: 'admin',
      password: PASSWORD,
      // Moot for an admin.
      teamIds: [DEMO_TEAMS.billing.id],
    });
    const everyTeam = Object.values(DEMO_TEAMS)
      .map((team) => team.id)
      .sort();
    expect(created.status).toBe(201);
    const user = created.body.user as { id: string; teamIds: string[] };
    expect([...user.teamIds].sort()).toEqual(everyTeam);
    const page = await pullChanges(server.sql, [], 0, 100_000, null);
    const sent = page.changes.filter((c) => c.kind === 'user' && c.data.id === user.id);
    expect(sent.map((c) => (c.kind === 'user' ? [...c.data.teamIds].sort() : null))).toEqual([everyTeam]);
    expect(await server.sql.query('select team_id from team_members where user_id = $1', [user.id])).toEqual([]);
  });

  it('answers an email already taken (in any case) with 409 and creates nobody', async () => {
    const before = await state();
    expect(
      await call(tokens.admin, 'POST', AdminRoutes.users, {
        email: 'REP01@northwind.example',
        name: 'Someone Else',
        role: 'rep',
        password: PASSWORD,
      }),
    ).toEqual({
      status: 409,
      body: {
        code: 'conflict',
        message: 'rep01@northwind.example already belongs to a user (deactivated ones included).',
      },
    });
    expect(await state()).toEqual(before);
  });

  it('answers malformed bodies with 400 and unknown ids with 404, changing nothing', async () => {
    const before = await state();
    const user = { email: 'new.person@northwind.example', name: 'New Person', role: 'rep', password: PASSWORD };
    const cases: [string, string, unknown, number, RegExp][] = [
      [
        'POST',
        AdminRoutes.users,
        { ...user, password: 'short-11chr' },
        400,
        /at password: A password needs at least 12/,
      ],
      ['POST', AdminRoutes.users, { ...user, email: 'not-an-email' }, 400, /at email: That is not an email address/],
      ['POST', AdminRoutes.users, { ...user, role: 'owner' }, 400, /at role/],
      ['POST', AdminRoutes.users, { ...user, name: '   ' }, 400, /at name: A name is needed/],
      ['POST', AdminRoutes.users, { ...user, name: 'Nul\u0000l' }, 400, /at name: Text cannot contain NUL/],
      ['POST', AdminRoutes.users, { ...user, refundLimitCents: -1 }, 400, /at refundLimitCents/],
      ['POST', AdminRoutes.users, { ...user, teamIds: ['team-nowhere'] }, 404, /^No team team-nowhere\.$/],
      ['PATCH', AdminRoutes.user('user-rep01'), {}, 400, /Say what to change/],
      ['PATCH', AdminRoutes.user('user-rep01'), { email: 'x@y.z' }, 400, /Invalid input/],
      ['PATCH', AdminRoutes.user('user-rep01'), { active: 'no' }, 400, /at active/],
      ['PATCH', AdminRoutes.user('user-nobody'), { name: 'Ghost' }, 404, /^That user does not exist\.$/],
      ['PATCH', AdminRoutes.user('user-admin'), { role: 'lead' }, 400, /cannot change your own role/],
      ['PATCH', AdminRoutes.user('user-admin'), { active: false }, 400, /cannot deactivate yourself/],
      ['POST', AdminRoutes.teams, { name: '' }, 400, /at name: A name is needed/],
      ['POST', AdminRoutes.teams, { name: 'Ok', id: 'chosen' }, 400, /Invalid input/],
      ['PATCH', AdminRoutes.team('team-nowhere'), { name: 'Elsewhere' }, 404, /^That team does not exist\.$/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const answer = await call(tokens.admin, method, path, body);
      expect({ method, path, body, answer }).toEqual({
        method,
        path,
        body,
        answer: {
          status,
          body: { code: expect.any(String) as string, message: expect.stringMatching(message) as string },
        },
      });
    }
    expect(await state()).toEqual(before);
    expect(logged).toEqual([]);
  });

  it('refuses reps and leads on every admin route (403) and changes nothing', async () => {
    const before = await state();
    const requests: [string, string, unknown][] = [
      ['GET', AdminRoutes.users, undefined],
      ['POST', AdminRoutes.users, { email: 'x@northwind.example', name: 'X', role: 'admin', password: PASSWORD }],
      ['PATCH', AdminRoutes.user('user-rep01'), { role: 'admin' }],
      ['PATCH', AdminRoutes.user('user-rep02'), { active: false }],
      ['GET', AdminRoutes.teams, undefined],
      ['POST', AdminRoutes.teams, { name: 'Shadow team' }],
      ['PATCH', AdminRoutes.team(DEMO_TEAMS.orders.id), { name: 'Mine now' }],
      // A malformed body is refused for who sends it, not for what it holds.
      ['POST', AdminRoutes.users, { email: 'broken' }],
    ];
    for (const token of [tokens.rep, tokens.lead]) {
      for (const [method, path, body] of requests) {
        const answer = await call(token, method, path, body);
        expect({ method, path, answer }).toEqual({
          method,
          path,
          answer: {
            status: 403,
            body: {
              code: 'forbidden',
              message: expect.stringMatching(/^Only admins may manage (users|teams)\.$/) as string,
            },
          },
        });
      }
    }
    expect((await call('no-such-token', 'GET', AdminRoutes.users)).status).toBe(401);
    // Users and teams are never deleted: there is no such route.
    for (const path of [AdminRoutes.user('user-rep01'), AdminRoutes.team(DEMO_TEAMS.orders.id)]) {
      expect(await call(tokens.admin, 'DELETE', path)).toMatchObject({ status: 405, body: { code: 'invalid_input' } });
    }
    expect(await state()).toEqual(before);
  });

  it('changes a role, a name and a refund limit, each audited; deactivating drops sessions and sign-in', async () => {
    const { token } = await server.signIn('rep02@northwind.example');
    expect((await call(token, 'GET', AdminRoutes.users)).status).toBe(403);

    const promoted = await call(tokens.admin, 'PATCH', AdminRoutes.user('user-rep02'), {
      role: 'lead',
      name: 'Renamed Rep',
      refundLimitCents: 20000,
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.user).toMatchObject({
      role: 'lead',
      name: 'Renamed Rep',
      refundLimitCents: 20000,
      active: true,
    });
    const afterPromotion = await auditOf('user', 'user-rep02');
    expect(afterPromotion.slice(-2)).toEqual([
      {
        actor: 'user-admin',
        type: 'user_updated',
        before: { refundLimitCents: null },
        after: { refundLimitCents: 20000, nameChangedAt: NOW },
      },
      { actor: 'user-admin', type: 'user_updated', before: { role: 'rep' }, after: { role: 'lead' } },
    ]);
    // No name, email or number ever reaches the audit log.
    expect(JSON.stringify(afterPromotion)).not.toContain('Renamed Rep');

    // Back to the default limit.
    const reset = await call(tokens.admin, 'PATCH', AdminRoutes.user('user-rep02'), { refundLimitCents: null });
    expect(reset.body.user).toMatchObject({ refundLimitCents: null });

    const deactivated = await call(tokens.admin, 'PATCH', AdminRoutes.user('user-rep02'), { active: false });
    expect(deactivated.body.user).toMatchObject({ active: false });
    expect(await server.sql.query('select 1 from sessions where user_id = $1', ['user-rep02'])).toEqual([]);
    // The session they held no longer works, and signing in is refused with the reason.
    expect(await call(token, 'GET', AdminRoutes.users)).toEqual({
      status: 401,
      body: { code: 'unauthorized', message: 'Sign in to continue.' },
    });
    await expect(server.signIn('rep02@northwind.example')).rejects.toThrow(/deactivated/);
    expect((await auditOf('user', 'user-rep02')).at(-1)).toEqual({
      actor: 'user-admin',
      type: 'user_updated',
      before: { active: true },
      after: { active: false },
    });
    // Nobody can give them work meanwhile, alone or in bulk (engines do not know who is deactivated).
    const lead = (await getUser(server.sql, 'user-lead01'))!;
    await server.sql.transaction((tx) => insertCustomer(tx, smsCustomer('cust-idle', '+14155550123', NOW)));
    const conversation = openSmsConversation(
      { id: 'conv-idle', teamId: DEMO_TEAMS.orders.id, customerId: 'cust-idle' },
      NOW,
    );
    await insertConversation(server.sql, conversation, NOW);
    const target = { conversationId: conversation.id, seenAssigneeId: null };
    const seq = await latestSeq(server.sql);
    expect(
      await refusalOf(
        applyAction(
          server.sql,
          lead,
          { id: 'assign-idle', action: { type: 'assign', ...target, assigneeId: 'user-rep02' } },
          NOW,
        ),
      ),
    ).toBe('conflict: Renamed Rep has been deactivated; give the conversation to someone else.');
    const bulk = await applyAction(
      server.sql,
      lead,
      { id: 'assign-many-idle', action: { type: 'assignMany', items: [target], assigneeId: 'user-rep02' } },
      NOW,
    );
    expect(bulk.result.results).toEqual([
      {
        conversationId: conversation.id,
        ok: false,
        error: {
          code: 'conflict',
          message: 'Renamed Rep has been deactivated; give the conversation to someone else.',
        },
      },
    ]);
    expect(await latestSeq(server.sql)).toBe(seq);

    // Kept, never deleted: listed as deactivated.
    const listed = await call(tokens.admin, 'GET', AdminRoutes.users);
    expect(listed.body.users).toContainEqual(expect.objectContaining({ id: 'user-rep02', active: false }));

    await call(tokens.admin, 'PATCH', AdminRoutes.user('user-rep02'), { active: true });
    expect((await server.signIn('rep02@northwind.example')).user.id).toBe('user-rep02');
  });

  it('creates and renames teams (names unique, ignoring case), audited with the admin as actor', async () => {
    const created = await call(tokens.admin, 'POST', AdminRoutes.teams, { name: 'VIP Care' });
    expect(created.status).toBe(201);
    const team = created.body.team as { id: string };
    expect(created.body.team).toEqual({
      id: expect.stringMatching(/^team-[0-9a-f]{16}$/) as string,
      name: 'VIP Care',
      memberIds: [],
    });
    expect(await auditOf('team', team.id)).toEqual([
      { actor: 'user-admin', type: 'team_created', before: null, after: { name: 'VIP Care', sla: null } },
    ]);
    // Admins belong to the new team at once.
    const admin = (await call(tokens.admin, 'GET', AdminRoutes.users)).body.users as {
      id: string;
      teamIds: string[];
    }[];
    expect(admin.find((user) => user.id === 'user-admin')?.teamIds).toContain(team.id);

    const before = await state();
    for (const [method, path, name] of [
      ['POST', AdminRoutes.teams, ' vip care '],
      ['PATCH', AdminRoutes.team(team.id), 'orders & delivery'],
    ] as const) {
      expect(await call(tokens.admin, method, path, { name })).toEqual({
        status: 409,
        body: {
          code: 'conflict',
          message: expect.stringMatching(/^A team is already called "(VIP Care|Orders & Delivery)"\.$/) as string,
        },
      });
    }
    expect(await state()).toEqual(before);

    // Two admins creating the same team at once: one team, one 409.
    const racing = await Promise.all(
      ['Night Shift', 'night shift'].map((name) => call(tokens.admin, 'POST', AdminRoutes.teams, { name })),
    );
    expect(racing.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await server.sql.query(`select 1 from teams where lower(name) = 'night shift'`)).toHaveLength(1);

    const renamed = await call(tokens.admin, 'PATCH', AdminRoutes.team(team.id), { name: 'VIP & Press' });
    expect(renamed).toEqual({ status: 200, body: { team: { id: team.id, name: 'VIP & Press', memberIds: [] } } });
    expect((await auditOf('team', team.id)).at(-1)).toEqual({
      actor: 'user-admin',
      type: 'team_renamed',
      before: { name: 'VIP Care' },
      after: { name: 'VIP & Press' },
    });
    const teams = await call(tokens.admin, 'GET', AdminRoutes.teams);
    expect(teams.body.teams).toContainEqual({ id: team.id, name: 'VIP & Press', memberIds: [] });
    expect(teams.body.teams).toContainEqual(
      expect.objectContaining({
        id: DEMO_TEAMS.orders.id,
        memberIds: expect.arrayContaining(['user-rep01']) as string[],
      }),
    );
  });
});
