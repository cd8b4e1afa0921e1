// Service-level alerts, raised by the engine's clock: a test moves the clock past a waiting
// customer's first-response target instead of waiting for it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/api';
import { resolutionDue, slaState } from '../../shared/domain/sla';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { BILLING_REP, createCleanups, engineFor, LEAD, postInbound, settled, signIn } from './support';
import { nextEvent } from '../../electron/services/testing/events';

let server: TestServer;
const cleanups = createCleanups();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 0 });
});
afterAll(() => server.close());
afterEach(cleanups.run);

/** A lead's engine on a clock the test moves, recording its alerts, and a new conversation from `from`. */
async function leadWithConversation(body: string, from?: string) {
  const clock = { now: Date.now() };
  const breaches: EventPayload<'sla:breached'>['breaches'] = [];
  const lead = await engineFor(cleanups, server.url, { clock: () => clock.now, slaCheckMs: 10 });
  lead.on('sla:breached', (event) => void breaches.push(...event.breaches));
  await signIn(lead, LEAD);
  const arrived = nextEvent(lead, 'inbox:changed', () => true, 20_000);
  const { conversationId } = await postInbound(server, body, from);
  await arrived;
  await lead.idle();
  return { clock, breaches, lead, conversationId };
}

describe('service-level alerts', () => {
  it("alert a lead once when a waiting customer's first response is overdue, by the engine's clock", async () => {
    const { clock, breaches, lead, conversationId } = await leadWithConversation(
      'Where is my order? It has been two weeks.',
    );
    const { conversation } = await lead.handlers['inbox:get']({ conversationId });
    const sla = slaState({ ...conversation, replied: false }, clock.now);
    expect(sla).toMatchObject({ kind: 'first_response' });
    const dueAt = sla?.dueAt ?? 0;

    // A minute before the target: nothing. Just after it: one alert naming the conversation.
    clock.now = dueAt - 60_000;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(breaches).toEqual([]);
    clock.now = dueAt + 1_000;
    const alerted = await nextEvent(lead, 'sla:breached', () => true, 5_000);
    expect(alerted.breaches).toEqual([{ conversationId, customerName: 'Pat Doe', kind: 'first_response', dueAt }]);
    // Checked again and again: still one alert.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(breaches.filter((b) => b.conversationId === conversationId)).toHaveLength(1);
  });

  it('alert a lead once when an answered conversation passes its resolution target, and not for the reply it got', async () => {
    const { clock, breaches, lead, conversationId } = await leadWithConversation(
      'My order never came.',
      '+1 415 555 0177',
    );
    await lead.handlers['reply:send']({ conversationId, body: 'A replacement is on its way.' });
    await settled(lead);
    const { conversation } = await lead.handlers['inbox:get']({ conversationId });
    expect(conversation.waitingSince).toBeNull();
    const dueAt = resolutionDue({ ...conversation, replied: true })?.dueAt ?? 0;

    // Past the reply's target (it was answered) but before resolution's: nothing for it.
    clock.now = dueAt - 60_000;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(breaches.filter((b) => b.conversationId === conversationId)).toEqual([]);
    clock.now = dueAt + 1_000;
    await expect
      .poll(() => breaches.filter((b) => b.conversationId === conversationId), { timeout: 5_000 })
      .toEqual([{ conversationId, customerName: 'Pat Doe', kind: 'resolution', dueAt }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(breaches.filter((b) => b.conversationId === conversationId)).toHaveLength(1);
  });

  it('never alerts a rep', async () => {
    let now = Date.now();
    const rep = await engineFor(cleanups, server.url, { clock: () => now, slaCheckMs: 10 });
    const breaches: unknown[] = [];
    rep.on('sla:breached', (event) => void breaches.push(...event.breaches));
    await signIn(rep, BILLING_REP);
    const arrived = nextEvent(rep, 'inbox:changed', () => true, 20_000);
    const { conversationId } = await postInbound(server, 'Hello? Anyone there?', '+1 415 555 0199');
    await arrived;
    await rep.idle();
    // The rep holds the waiting conversation (in their team) ...
    const { conversation } = await rep.handlers['inbox:get']({ conversationId });
    expect(conversation.waitingSince).not.toBeNull();
    // ... and a month later is still not the one alerted.
    now += 30 * 86_400_000;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(breaches).toEqual([]);
  });
});
