// Two server processes on one PostgreSQL route the same team at once: each conversation is
// assigned exactly once, and the load stays even (each decision saw the previous ones).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepStatus } from '../../../shared/sync/presence';
import { hashPassword } from '../../auth/password';
import { createTeam, createUser } from '../../db/accounts';
import { createTestPostgres } from '../../db/testing';
import { DEMO_PASSWORD } from '../../demo/generate';
import { startTestServer } from '../../testing';
import type { TestServer } from '../../testing';
import { writeRoutingSettings } from './settings';

const REPS = ['rep1', 'rep2', 'rep3', 'rep4', 'rep5'];
const MESSAGES = 40;
const skip = process.env.CAREDESK_SKIP_POSTGRES === '1';

describe.skipIf(skip)('two server processes routing one team on PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  const servers: TestServer[] = [];
  const everyoneOnline = () => Promise.resolve(new Map<string, RepStatus>(REPS.map((id) => [id, 'online'])));

  beforeAll(async () => {
    database = await createTestPostgres();
    for (let i = 0; i < 2; i++) {
      // Only explicit passes and inbound wake-ups route: the timer stays out of the way.
      servers.push(
        await startTestServer({
          databaseUrl: database.url,
          routing: { presence: everyoneOnline, intervalMs: 3_600_000 },
        }),
      );
    }
    const sql = servers[0]!.sql;
    const now = Date.now();
    await createTeam(sql, { id: 'a', name: 'Team A' }, now);
    const password = await hashPassword(DEMO_PASSWORD);
    const lead = await createUser(
      sql,
      { id: 'lead', name: 'Lead', email: 'lead@example.com', role: 'lead', teamIds: ['a'], password },
      now,
    );
    for (const id of REPS) {
      await createUser(sql, { id, name: id, email: `${id}@example.com`, role: 'rep', teamIds: ['a'], password }, now);
    }
    await writeRoutingSettings(
      sql,
      lead,
      'a',
      { mode: 'fewest_open', maxOpen: null, channelMaxOpen: {}, offlineReturnMinutes: null, reps: [] },
      now,
    );
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await database?.drop();
  });

  it('assigns each conversation exactly once while messages arrive on both and both sweep', async () => {
    const tokens = await Promise.all(servers.map(async (server) => (await server.signIn('lead@example.com')).token));
    const post = (i: number) => {
      const server = servers[i % 2]!;
      return fetch(new URL('/api/inbound', server.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[i % 2]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'sms', from: `+1415555${String(1000 + i)}`, body: `Where is order ${i}?` }),
      }).then((response) => expect(response.status).toBe(201));
    };
    const sweeps = async () => {
      for (let round = 0; round < 10; round++) await Promise.all(servers.map((server) => server.route()));
    };
    await Promise.all([...Array.from({ length: MESSAGES }, (_, i) => post(i)), sweeps(), sweeps()]);
    // Whatever arrived after the last pass of either.
    await Promise.all(servers.map((server) => server.route()));
    await Promise.all(servers.map((server) => server.route()));

    const sql = servers[0]!.sql;
    const conversations = await sql.query<{ id: string; assignee_id: string | null }>(
      'select id, assignee_id from conversations order by id',
    );
    expect(conversations).toHaveLength(MESSAGES);
    expect(conversations.every((c) => c.assignee_id !== null)).toBe(true);
    // One routing decision per conversation, in the change log and in the audit log.
    const routed = await sql.query<{ entity_id: string; n: string }>(
      `select entity_id, count(*) as n from audit_log where type = 'routing' group by entity_id`,
    );
    expect(routed).toHaveLength(MESSAGES);
    expect(routed.every((row) => Number(row.n) === 1)).toBe(true);
    const changes = await sql.query<{ n: string }>(
      `select count(*) as n from changes where kind = 'conversation' and payload->'assignedReason'->>'kind' = 'routed'`,
    );
    expect(Number(changes[0]?.n)).toBe(MESSAGES);
    // Fewest open, decided one at a time: every rep has the same share.
    const load = new Map<string, number>();
    for (const c of conversations) load.set(c.assignee_id!, (load.get(c.assignee_id!) ?? 0) + 1);
    expect([...load.values()]).toEqual(REPS.map(() => MESSAGES / REPS.length));
  });
});
