// Personal and team scope, actions on no conversation: a rep's own canned resolutions and a team's library.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RejectedAction } from '../../shared/api';
import type { Engine } from '../../electron/services/api/engine';
import { nextEvent } from '../../electron/services/testing/events';
import { getUser } from '../../server/db/accounts';
import { applyAction } from '../../server/services/actions/apply';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, LEAD, REP, serverCount, settled, signedInEngine } from './support';

const REP02 = 'rep02@northwind.example'; // Orders & Delivery, like rep01
const REP11 = 'rep11@northwind.example'; // Billing & Accounts only

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 10 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

const signedIn = (email: string): Promise<Engine> => signedInEngine(cleanups, server.url, email);

const titles = async (engine: Engine) =>
  (await engine.handlers['resolutions:list']({})).resolutions.map((r) => [r.title, r.pending]);

describe('personal canned resolutions', () => {
  it('reach every device of their owner, exactly once, and never a teammate', async () => {
    const desk = await signedIn(REP);
    const laptop = await signedIn(REP);
    const teammate = await signedIn(REP02);
    const stamp = Date.now();

    const arrived = nextEvent(laptop, 'resolutions:changed');
    const { id, actionId } = await desk.handlers['resolutions:save']({
      title: `Refund sent ${stamp}`,
      body: 'Your refund is on its way.',
    });
    // Shown at once, pending until the server has it.
    expect(await titles(desk)).toContainEqual([`Refund sent ${stamp}`, true]);
    await settled(desk);
    expect(await titles(desk)).toContainEqual([`Refund sent ${stamp}`, false]);
    await arrived;
    expect(await titles(laptop)).toContainEqual([`Refund sent ${stamp}`, false]);
    expect(await serverCount(server.sql, 'select count(*) as n from applied_actions where id = $1', [actionId])).toBe(
      1,
    );
    expect(
      await serverCount(server.sql, "select count(*) as n from changes where kind = 'resolution' and user_id = $1", [
        'user-rep01',
      ]),
    ).toBeGreaterThan(0);

    // The teammate's engine is as up to date as the log (their cursor is past the change) and holds none.
    await settled(teammate);
    expect(teammate.db.prepare('SELECT count(*) FROM canned_resolutions').pluck().get()).toBe(0);
    expect(desk.db.prepare('SELECT count(*) FROM canned_resolutions WHERE id = ?').pluck().get(id)).toBe(1);
    await expect(teammate.handlers['resolutions:delete']({ id })).rejects.toMatchObject({ code: 'not_found' });

    // Deleted on one device, gone from the other.
    const gone = nextEvent(desk, 'resolutions:changed', () => true, 10_000);
    await laptop.handlers['resolutions:delete']({ id });
    await settled(laptop);
    await gone;
    await settled(desk);
    expect((await titles(desk)).map(([title]) => title)).not.toContain(`Refund sent ${stamp}`);
    expect(desk.db.prepare('SELECT count(*) FROM canned_resolutions WHERE id = ?').pluck().get(id)).toBe(0);
  });

  it('refuses before queuing what the server would refuse, and undoes and lists what it refuses later', async () => {
    const desk = await signedIn(REP);
    const stamp = Date.now();
    await desk.handlers['resolutions:save']({ title: `Late parcel ${stamp}`, body: 'It is on its way.' });
    await expect(
      desk.handlers['resolutions:save']({ title: ` late PARCEL ${stamp}`, body: 'Same title.' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await settled(desk);

    const offline = nextEvent(desk, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;
    await desk.handlers['resolutions:save']({ title: `Wrong item ${stamp}`, body: 'We will send the right one.' });
    expect(await titles(desk)).toContainEqual([`Wrong item ${stamp}`, true]);

    // Meanwhile the same rep, on another device, took that title.
    const rep = await getUser(server.sql, 'user-rep01');
    if (!rep) throw new Error('no rep01');
    await applyAction(
      server.sql,
      rep,
      {
        id: `other-device-${stamp}`,
        action: { type: 'saveResolution', resolution: { id: `r-${stamp}`, title: `Wrong item ${stamp}`, body: 'x' } },
      },
      Date.now(),
    );

    const rejected = nextEvent(desk, 'outbox:rejected', () => true, 20_000);
    await server.start();
    const refusal: RejectedAction = await rejected;
    expect(refusal).toMatchObject({
      type: 'saveResolution',
      conversationId: null,
      conversationIds: [],
      summary: `Save canned resolution “Wrong item ${stamp}”`,
    });
    expect(refusal.reason).toBe(`You already have a canned resolution called “Wrong item ${stamp}”.`);
    await settled(desk);
    const list = (await desk.handlers['resolutions:list']({})).resolutions.filter((r) => r.title.endsWith(`${stamp}`));
    // The refused one is undone; the other device's is there, from the server.
    expect(list.map((r) => [r.id === `r-${stamp}`, r.title, r.body, r.pending])).toEqual([
      [false, `Late parcel ${stamp}`, 'It is on its way.', false],
      [true, `Wrong item ${stamp}`, 'x', false],
    ]);
    expect((await desk.handlers['outbox:rejected']({})).map((r) => r.actionId)).toContain(refusal.actionId);
  });
});

describe('team canned resolutions', () => {
  it('saved by a lead reach every engine of the team, usable offline, and no other team’s', async () => {
    const lead = await signedIn(LEAD);
    const member = await signedIn(REP); // Orders & Delivery
    const outsider = await signedIn(REP11);
    const stamp = Date.now();
    const title = `Late parcel ${stamp}`;

    const arrived = nextEvent(member, 'resolutions:changed', () => true, 10_000);
    const { id } = await lead.handlers['resolutions:save']({
      title,
      body: 'Your order {{order.number}} is on its way.',
      teamId: 'team-orders',
      then: { tags: ['late'], status: 'closed' },
    });
    await settled(lead);
    await arrived;
    await settled(member);
    const onMember = (await member.handlers['resolutions:list']({})).resolutions.find((r) => r.id === id);
    expect(onMember).toMatchObject({ title, teamId: 'team-orders', then: { tags: ['late'], status: 'closed' } });
    expect(
      await serverCount(
        server.sql,
        "select count(*) as n from changes where entity_id = $1 and team_id = 'team-orders'",
        [id],
      ),
    ).toBe(1);

    // The outsider is synced to the end of the log and holds none of it.
    await settled(outsider);
    expect(outsider.db.prepare('SELECT count(*) FROM canned_resolutions WHERE id = ?').pluck().get(id)).toBe(0);

    // A rep of the team may use it but not change it: refused before queuing, nothing stored anywhere.
    const before = await serverCount(server.sql, 'select count(*) as n from changes');
    await expect(
      member.handlers['resolutions:save']({ id, title: 'Mine now', body: 'x', teamId: 'team-orders' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      member.handlers['resolutions:save']({ title: `Rep's ${stamp}`, body: 'x', teamId: 'team-orders' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(member.handlers['resolutions:delete']({ id })).rejects.toMatchObject({ code: 'forbidden' });
    expect(member.db.prepare("SELECT count(*) FROM outbox WHERE type LIKE '%Resolution'").pluck().get()).toBe(0);
    expect(await serverCount(server.sql, 'select count(*) as n from changes')).toBe(before);

    // Offline, the member still has the team's library.
    const offline = nextEvent(member, 'sync:changed', (s) => s.connection === 'offline');
    await server.stop();
    await offline;
    expect((await member.handlers['resolutions:list']({})).resolutions.map((r) => r.id)).toContain(id);
    await server.start();

    // Deleted by the lead, gone from the member's engine.
    const gone = nextEvent(member, 'resolutions:changed', () => true, 20_000);
    await lead.handlers['resolutions:delete']({ id });
    await settled(lead);
    await gone;
    await settled(member);
    expect(member.db.prepare('SELECT count(*) FROM canned_resolutions WHERE id = ?').pluck().get(id)).toBe(0);
  });
});
