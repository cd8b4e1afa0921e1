// PUT /api/teams/:id/sla: a team's own service levels, stored, sent to every engine with the team,
// audited with the old and the new policy, and kept when the team is renamed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/entities';
import { DEFAULT_SLA_POLICY } from '../../shared/domain/sla';
import type { SlaPolicy } from '../../shared/domain/sla';
import { LONDON_SLA as LONDON } from '../../shared/domain/sla-testing';
import { HttpRoutes } from '../../shared/sync/http';
import { hashPassword } from '../auth/password';
import { createTeam, createUser } from '../db/accounts';
import { renameTeam } from '../db/admin';
import { latestSeq } from '../db/changes';
import { DEMO_PASSWORD } from '../demo/generate';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';

let server: TestServer;
const tokens = {} as Record<string, string>;

function put(teamId: string, as: string | null, body: unknown): Promise<Response> {
  return fetch(new URL(HttpRoutes.teamSla(teamId), server.url), {
    method: 'PUT',
    headers: { ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The team's changes in the log, oldest first: who may read each and what it carried. */
async function teamChanges(teamId: string) {
  return server.sql.query<{ team_id: string | null; payload: { id: string; name: string; sla?: SlaPolicy | null } }>(
    "select team_id, payload from changes where kind = 'team' and entity_id = $1 order by seq",
    [teamId],
  );
}

describe("a team's service levels over HTTP", () => {
  beforeAll(async () => {
    server = await startTestServer();
    const now = Date.now();
    await createTeam(server.sql, { id: 'a', name: 'Team A' }, now);
    await createTeam(server.sql, { id: 'b', name: 'Team B' }, now);
    const password = await hashPassword(DEMO_PASSWORD);
    const user = (id: string, role: Role, teamIds: string[]) =>
      createUser(server.sql, { id, name: id, email: `${id}@example.com`, role, teamIds, password }, now);
    await user('lena', 'lead', ['a']);
    await user('ana', 'rep', ['a']);
    await user('adam', 'admin', []);
    for (const id of ['lena', 'ana', 'adam']) tokens[id] = (await server.signIn(`${id}@example.com`)).token;
  });

  afterAll(async () => {
    await server?.close();
  });

  it("stores a lead's policy, sends it to everyone with the team, and audits old and new", async () => {
    const response = await put('a', 'lena', { sla: LONDON });
    expect(response.status).toBe(204);
    const stored = await server.sql.query<{ sla: SlaPolicy | null }>("select sla from teams where id = 'a'");
    expect(stored[0]?.sla).toEqual(LONDON);
    const last = (await teamChanges('a')).at(-1);
    expect(last).toEqual({ team_id: null, payload: { id: 'a', name: 'Team A', sla: LONDON } });
    const audit = await server.sql.query<{ actor: string; before: unknown; after: unknown }>(
      "select actor, before, after from audit_log where type = 'team_settings' and entity_id = 'a' order by id",
    );
    expect(audit).toEqual([{ actor: 'lena', before: { sla: null }, after: { sla: LONDON } }]);
  });

  it('keeps the policy when the team is renamed, and goes back to the default with null', async () => {
    await server.sql.transaction((tx) => renameTeam(tx, 'a', 'Team A (UK)', Date.now(), 'adam'));
    expect((await teamChanges('a')).at(-1)?.payload).toEqual({ id: 'a', name: 'Team A (UK)', sla: LONDON });

    expect((await put('a', 'adam', { sla: null })).status).toBe(204);
    expect((await teamChanges('a')).at(-1)?.payload).toEqual({ id: 'a', name: 'Team A (UK)', sla: null });
    expect((await put('a', 'lena', { sla: LONDON })).status).toBe(204);
  });

  it('refuses a policy that cannot work with a 400 naming the field, and changes nothing', async () => {
    const seq = await latestSeq(server.sql);
    const cases: [unknown, RegExp][] = [
      [{ sla: { ...LONDON, calendar: { ...LONDON.calendar, timeZone: 'Mars/Olympus' } } }, /Not a known time zone/],
      [{ sla: { ...LONDON, calendar: { ...LONDON.calendar, opensAt: 600, closesAt: 500 } } }, /closes after it opens/],
      [{ sla: { ...LONDON, calendar: { ...LONDON.calendar, days: [] } } }, /at least one working day/],
      [{ sla: { ...LONDON, targets: { pager: DEFAULT_SLA_POLICY.targets.sms } } }, /targets/],
      [{ sla: { ...LONDON, warnShare: 2 } }, /warnShare/],
      [{ policy: LONDON }, /sla/],
    ];
    for (const [body, message] of cases) {
      const response = await put('a', 'lena', body);
      expect(response.status).toBe(400);
      const error = (await response.json()) as { code: string; message: string };
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(message);
    }
    expect(await latestSeq(server.sql)).toBe(seq);
    const stored = await server.sql.query<{ sla: SlaPolicy | null }>("select sla from teams where id = 'a'");
    expect(stored[0]?.sla).toEqual(LONDON);
  });

  it("refuses reps, another team's lead (as if it did not exist) and no token", async () => {
    const seq = await latestSeq(server.sql);
    expect((await put('a', 'ana', { sla: null })).status).toBe(403);
    expect((await put('b', 'lena', { sla: LONDON })).status).toBe(404);
    expect((await put('nope', 'adam', { sla: LONDON })).status).toBe(404);
    expect((await put('a', null, { sla: null })).status).toBe(401);
    expect(await latestSeq(server.sql)).toBe(seq);
  });
});
