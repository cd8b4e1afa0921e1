import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser } from '../db/accounts';
import { latestSeq } from '../db/changes';
import { DEMO_TEAMS } from '../demo/generate';
import { startTestServer } from '../testing';
import type { TestServer } from '../testing';

describe('POST /api/team-members with ids that do not name anyone', () => {
  let server: TestServer;
  const logged: unknown[] = [];
  let admin: string;
  let lead: string;

  beforeAll(async () => {
    server = await startTestServer({ demoConversations: 0, log: (error) => logged.push(error) });
    admin = (await server.signIn('admin@northwind.example')).token;
    lead = (await server.signIn('lead01@northwind.example')).token;
  });

  afterAll(async () => {
    await server?.close();
  });

  async function change(token: string, body: { teamId: string; userId: string; member: boolean }) {
    const response = await fetch(new URL('/api/team-members', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('answers a NUL or a broken emoji in an id with 400 and a clear message', async () => {
    const seq = await latestSeq(server.sql);
    const team = DEMO_TEAMS.billing.id;
    for (const [field, body] of [
      ['userId', { teamId: team, userId: 'user-rep01\u0000', member: true }],
      ['userId', { teamId: team, userId: 'user-\ud83d', member: false }],
      ['teamId', { teamId: `${team}\u0000`, userId: 'user-rep01', member: true }],
      ['teamId', { teamId: '\udc00', userId: 'user-rep01', member: true }],
    ] as const) {
      expect(await change(admin, body)).toEqual({
        status: 400,
        body: {
          code: 'invalid_input',
          message: expect.stringMatching(
            new RegExp(`^Invalid input at ${field}: Text cannot contain (NUL|unpaired surrogates)`),
          ) as string,
        },
      });
    }
    expect(await latestSeq(server.sql)).toBe(seq);
    expect(logged).toEqual([]);
  });

  it('answers an unknown user with 404, adding or removing, and changes nothing', async () => {
    const seq = await latestSeq(server.sql);
    for (const member of [true, false]) {
      expect(await change(admin, { teamId: DEMO_TEAMS.billing.id, userId: 'user-nobody', member })).toEqual({
        status: 404,
        body: { code: 'not_found', message: 'That user does not exist.' },
      });
    }
    expect(await server.sql.query('select 1 from team_members where user_id = $1', ['user-nobody'])).toEqual([]);
    expect(await latestSeq(server.sql)).toBe(seq);
    expect(logged).toEqual([]);
  });

  it('answers an unknown team with 404, to an admin and to a lead alike', async () => {
    const before = await getUser(server.sql, 'user-rep01');
    for (const token of [admin, lead]) {
      expect(await change(token, { teamId: 'team-nowhere', userId: 'user-rep01', member: true })).toEqual({
        status: 404,
        body: { code: 'not_found', message: 'That team does not exist.' },
      });
    }
    expect(await getUser(server.sql, 'user-rep01')).toEqual(before);
    expect(logged).toEqual([]);
  });
});
