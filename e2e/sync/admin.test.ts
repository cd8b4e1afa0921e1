// The admin screen's calls through a real engine to a real server: what an admin does reaches the
// server and, as changes, the engines; a rep's engine refuses without asking; a deactivated rep's
// engine is signed out, and every engine stops offering them for assignment; offline nothing changes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/services/api/dispatch';
import { nextEvent } from '../../electron/services/testing/events';
import { getUser } from '../../server/db/accounts';
import { latestSeq } from '../../server/db/changes';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, LEAD, postInbound, REP, serverCount, settled, signedInEngine } from './support';

const PASSWORD = 'a long enough password';

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 0 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

describe('admin screen calls ↔ server', () => {
  it('creates a team and a user in it, renames the team and promotes the user; the engine hears each', async () => {
    const admin = await signedInEngine(cleanups, server.url, 'admin@northwind.example');
    const { team } = await admin.handlers['admin:createTeam']({ name: 'Wholesale' });
    const { user } = await admin.handlers['admin:createUser']({
      email: 'omar.haddad@northwind.example',
      name: 'Omar Haddad',
      role: 'rep',
      password: PASSWORD,
      teamIds: [team.id],
      refundLimitCents: null,
    });
    expect(user).toMatchObject({ role: 'rep', teamIds: [team.id], active: true });

    const { teams } = await admin.handlers['admin:teams']({});
    expect(teams).toContainEqual({ id: team.id, name: 'Wholesale', memberIds: [user.id] });

    await admin.handlers['admin:renameTeam']({ teamId: team.id, name: 'Wholesale & Trade' });
    const promoted = await admin.handlers['admin:updateUser']({ userId: user.id, patch: { role: 'lead' } });
    expect(promoted.user.role).toBe('lead');
    const moved = await admin.handlers['admin:setMember']({ teamId: 'team-orders', userId: user.id, member: true });
    expect(moved.user.teamIds).toEqual(['team-orders', team.id].sort());

    // The changes reach the admin's own cache through sync.
    await settled(admin);
    for (;;) {
      const cached = await admin.handlers['inbox:teams']({});
      const members = await admin.handlers['inbox:members']({ teamId: team.id });
      if (cached.some((t) => t.name === 'Wholesale & Trade') && members.some((m) => m.id === user.id)) break;
      await nextEvent(admin, 'sync:changed');
    }
  });

  it('tells the renderer to read the teams again when a pull brings a team change, and not for a new message', async () => {
    const admin = await signedInEngine(cleanups, server.url, 'admin@northwind.example');
    const lead = await signedInEngine(cleanups, server.url, LEAD);
    await settled(lead);
    let heard = 0;
    cleanups.add(lead.on('teams:changed', () => heard++));

    // A new message: its conversation changes, the teams do not.
    const { conversationId } = await postInbound(server, `Any news? (${Date.now()})`, '+1 415 555 0166');
    await nextEvent(lead, 'inbox:changed', (event) => event.conversationIds.includes(conversationId));
    await settled(lead);
    expect(heard).toBe(0);

    // The lead joins a new team: the user's change says so.
    const joined = nextEvent(lead, 'teams:changed');
    const { team } = await admin.handlers['admin:createTeam']({ name: `Returns desk ${Date.now()}` });
    const leadId = (await lead.handlers['session:me']({})).user?.id ?? '';
    await admin.handlers['admin:setMember']({ teamId: team.id, userId: leadId, member: true });
    await joined;
    await settled(lead);
    expect((await lead.handlers['inbox:teams']({})).map((t) => t.id)).toContain(team.id);
    await admin.handlers['admin:setMember']({ teamId: team.id, userId: leadId, member: false });
  });

  it("refuses a rep's engine every admin call without asking the server", async () => {
    const rep = await signedInEngine(cleanups, server.url, REP);
    const before = await latestSeq(server.sql);
    const calls = [
      ['admin:users', {}],
      ['admin:teams', {}],
      ['admin:createTeam', { name: 'Rogue' }],
      ['admin:renameTeam', { teamId: 'team-orders', name: 'Mine' }],
      ['admin:createUser', { email: 'x@northwind.example', name: 'X', role: 'admin', password: PASSWORD }],
      ['admin:updateUser', { userId: 'user-rep01', patch: { role: 'admin' } }],
      ['admin:setMember', { teamId: 'team-billing', userId: 'user-rep01', member: true }],
    ] as const;
    for (const [name, input] of calls) {
      expect(await dispatchCall(rep.handlers, name, input)).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'Only admins may manage users and teams.' },
      });
    }
    expect(await latestSeq(server.sql)).toBe(before);
  });

  it("answers the server's refusals and bad input with its own words", async () => {
    const admin = await signedInEngine(cleanups, server.url, 'admin@northwind.example');
    expect(
      await dispatchCall(admin.handlers, 'admin:createUser', {
        email: 'REP01@northwind.example',
        name: 'Twin',
        role: 'rep',
        password: PASSWORD,
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'rep01@northwind.example already belongs to a user (deactivated ones included).',
      },
    });
    // The contract refuses a short password before anything is sent.
    expect(
      await dispatchCall(admin.handlers, 'admin:createUser', {
        email: 'new@northwind.example',
        name: 'New',
        role: 'rep',
        password: 'short',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/at least 12/) as string },
    });
  });

  it("signs a deactivated rep's engine out at once", async () => {
    const admin = await signedInEngine(cleanups, server.url, 'admin@northwind.example');
    const rep = await signedInEngine(cleanups, server.url, 'rep03@northwind.example');
    const ended = nextEvent(rep, 'session:ended');
    await admin.handlers['admin:updateUser']({ userId: 'user-rep03', patch: { active: false } });
    expect(await ended).toEqual({ reason: 'Please sign in again.' });
    expect(
      await dispatchCall(rep.handlers, 'session:signIn', {
        email: 'rep03@northwind.example',
        password: 'caredesk-demo',
      }),
    ).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This account has been deactivated. Ask an admin to reactivate it.' },
    });
    await admin.handlers['admin:updateUser']({ userId: 'user-rep03', patch: { active: true } });
  });

  it('sends a deactivation and a reactivation as user changes an engine applies: its members leave them out, then list them again', async () => {
    const admin = await signedInEngine(cleanups, server.url, 'admin@northwind.example');
    const lead = await signedInEngine(cleanups, server.url, LEAD);
    const userId = 'user-rep04';
    const teamId = (await getUser(server.sql, userId))?.teamIds[0] ?? 'no team';
    const memberIds = async () => (await lead.handlers['inbox:members']({ teamId })).map((m) => m.id);
    const userChangesAfter = async (seq: number) =>
      (
        await server.sql.query<{ payload: unknown }>(
          "select payload from changes where seq > $1 and kind = 'user' and entity_id = $2 order by seq",
          [seq, userId],
        )
      ).map((row) => row.payload);
    const auditRows = () =>
      serverCount(server.sql, "select count(*) as n from audit_log where entity_kind = 'user' and entity_id = $1", [
        userId,
      ]);
    await settled(lead);
    expect(await memberIds()).toContain(userId);

    for (const active of [false, true]) {
      const seq = await latestSeq(server.sql);
      const audited = await auditRows();
      await admin.handlers['admin:updateUser']({ userId, patch: { active } });
      // One change, addressed to everyone, saying it; one audit row (the admin's), not a second from the change.
      expect(await userChangesAfter(seq)).toEqual([expect.objectContaining({ id: userId, active })]);
      expect(
        await serverCount(server.sql, "select count(*) as n from changes where seq > $1 and kind = 'user'", [seq]),
      ).toBe(1);
      expect(
        await serverCount(
          server.sql,
          'select count(*) as n from changes where seq > $1 and (team_id is not null or user_id is not null)',
          [seq],
        ),
      ).toBe(0);
      expect(await auditRows()).toBe(audited + 1);

      await settled(lead);
      while ((await memberIds()).includes(userId) !== active) await nextEvent(lead, 'sync:changed');
      expect(await memberIds()).toEqual(
        active ? expect.arrayContaining([userId]) : expect.not.arrayContaining([userId]),
      );
    }
  });

  it('fails with server_unreachable while the server is down, changing nothing', async () => {
    const admin = await signedInEngine(cleanups, server.url, 'admin@northwind.example');
    await server.stop();
    try {
      expect(await dispatchCall(admin.handlers, 'admin:createTeam', { name: 'Offline team' })).toEqual({
        ok: false,
        error: {
          code: 'server_unreachable',
          message: 'You are offline — the admin screen needs the server. Nothing was changed.',
        },
      });
    } finally {
      await server.start();
    }
    expect(await server.sql.query(`select 1 from teams where name = 'Offline team'`)).toEqual([]);
  });
});
