// The inbox the engine serves from its cache, filled and kept current by the real server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncEvents } from '../../shared/sync';
import type { Engine } from '../../electron/services/api/engine';
import { nextEvent } from '../../electron/services/testing/events';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { countingSockets, createCleanups, engineFor, LEAD, postInbound, REP, serverCount, signIn } from './support';

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 80 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

describe('inbox ↔ server', () => {
  it('first sync brings, in pages, exactly what the server lets the user see', async () => {
    const counts = new Map<string, number>();
    const engine = await engineFor(cleanups, server.url, { connect: countingSockets(counts), sync: { pageSize: 100 } });
    await signIn(engine, REP);
    const me = await engine.handlers['session:me']({});
    const teamIds = me.user?.teamIds ?? [];
    expect(teamIds.length).toBeGreaterThan(0);
    expect(counts.get(SyncEvents.pull)).toBeGreaterThan(1);

    const visible = await serverCount(server.sql, 'select count(*) as n from conversations where team_id = any($1)', [
      teamIds,
    ]);
    expect(visible).toBeGreaterThan(0);
    const page = await engine.handlers['inbox:list']({ filter: 'all', limit: 50 });
    expect(page.total).toBe(visible);
    const first = page.items[0];
    if (!first) throw new Error('no conversation synced');
    const detail = await engine.handlers['inbox:get']({ conversationId: first.id });
    const serverMessages = await serverCount(
      server.sql,
      'select count(*) as n from messages where conversation_id = $1',
      [first.id],
    );
    expect(detail.messages).toHaveLength(serverMessages);
    expect(detail.customer.id).toBe(first.customerId);
    const teams = await server.sql.query<{ id: string; name: string; sla: null }>(
      'select id, name, sla from teams where id = any($1) order by name',
      [teamIds],
    );
    expect(await engine.handlers['inbox:teams']({})).toEqual(teams);
    expect(await engine.handlers['sync:status']({})).toMatchObject({
      connection: 'online',
      pendingActions: 0,
      detail: null,
    });
  });

  /** Posts an inbound message and waits until the engine said its conversation changed and is idle. */
  async function receive(engine: Engine, body: string): Promise<string> {
    const changes: string[][] = [];
    engine.on('inbox:changed', (e) => void changes.push(e.conversationIds));
    const { conversationId } = await postInbound(server, body);
    if (!changes.flat().includes(conversationId))
      await nextEvent(engine, 'inbox:changed', (e) => e.conversationIds.includes(conversationId), 20_000);
    await engine.idle();
    return conversationId;
  }

  it('a live inbound message reaches the cache and says which conversation changed', async () => {
    const engine = await engineFor(cleanups, server.url);
    await signIn(engine, LEAD);
    const body = `Is my parcel lost? ref ${Date.now()}`;
    const conversationId = await receive(engine, body);
    const detail = await engine.handlers['inbox:get']({ conversationId });
    expect(detail.messages.map((m) => m.body)).toContain(body);
    expect(
      (await engine.handlers['search:messages']({ query: 'parcel lo', limit: 10 })).hits.map((h) => h.conversationId),
    ).toContain(conversationId);
  });

  it('triages a live inbound message: the list shows its intent and sentiment and filters by them', async () => {
    const engine = await engineFor(cleanups, server.url);
    await signIn(engine, LEAD);
    const body = `This is ridiculous. My parcel is a week late and nobody answers. Where is it?! ${Date.now()}`;
    // The message's arrival starts the triage pass; idle waits for it.
    const conversationId = await receive(engine, body);
    const angry = await engine.handlers['inbox:list']({ filter: 'all', sentiment: 'negative', limit: 200 });
    expect(angry.items.find((c) => c.id === conversationId)).toMatchObject({
      intent: 'delivery_problem',
      sentiment: 'negative',
    });
    expect(angry.items.every((c) => c.sentiment === 'negative')).toBe(true);
  });
});
