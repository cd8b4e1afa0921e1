import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSAT_GRACE_MS } from '../../shared/domain/csat';
import type { User } from '../../shared/domain/entities';
import { getConversation, insertConversation } from '../db/conversations';
import { csatReport } from '../db/csat';
import { insertCustomer } from '../db/customers';
import type { Database } from '../db/sql';
import { openSmsConversation, refusalOf, smsCustomer, teamsAB, testBackends } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { applyAction } from './actions/apply';
import { changeCsatQuestion, csatGraceFromEnv, sendSurveys } from './csat';
import { receiveInbound } from './inbound';

const NOW = 1_800_000_000_000;
const AFTER_GRACE = NOW + CSAT_GRACE_MS + 1_000;
const QUESTION = 'How did we do? Reply 1 to 5.';
const quiet = { sendsOn: () => false };

describe.each(testBackends)('satisfaction surveys on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let rep: User;
  let lead: User;
  let counter = 0;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    const user = await teamsAB(db, NOW);
    rep = await user('rita', 'rep', ['a', 'b']);
    lead = await user('lena', 'lead', ['a', 'b']);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  /** An open SMS conversation of `teamId` assigned to the rep; returns its id and the customer's phone. */
  async function conversation(teamId: string): Promise<{ id: string; phone: string }> {
    const n = ++counter;
    const phone = `+1415555${String(n).padStart(4, '0')}`;
    await db.transaction((tx) => insertCustomer(tx, smsCustomer(`cust-${n}`, phone, NOW)));
    const id = `conv-${n}`;
    await insertConversation(
      db,
      openSmsConversation({ id, teamId, customerId: `cust-${n}`, assigneeId: rep.id }, NOW),
      NOW,
    );
    return { id, phone };
  }

  const resolve = (id: string, status: 'open' | 'closed', at: number) =>
    applyAction(
      db,
      rep,
      { id: `${id}-${status}-${at}`, action: { type: 'status', conversationId: id, seenAssigneeId: rep.id, status } },
      at,
    );

  const surveysOf = (id: string) =>
    db.query<{ body: string; author_id: string | null; status: string }>(
      `select body, author_id, status from messages where conversation_id = $1 and direction = 'outbound' order by created_at`,
      [id],
    );

  // Each test reads the sweep's cursor as the previous one left it: its resolutions come after.
  async function sweepAll(at: number) {
    return sendSurveys(db, at, quiet);
  }

  it('sends the team question once per resolution after the grace period, never for one reopened or of a team without a question', async () => {
    await changeCsatQuestion(db, lead, 'a', QUESTION, NOW);
    const kept = await conversation('a');
    const reopened = await conversation('a');
    const silent = await conversation('b');
    for (const { id } of [kept, reopened, silent]) await resolve(id, 'closed', NOW);

    expect((await sweepAll(NOW + 1_000)).surveyed).toBe(0);
    await resolve(reopened.id, 'open', NOW + 2_000);

    const swept = await sweepAll(AFTER_GRACE);
    expect(swept.surveyed).toBe(1);
    expect(swept.queued).toBe(false);
    expect(await surveysOf(kept.id)).toEqual([{ body: QUESTION, author_id: null, status: 'sent' }]);
    expect(await surveysOf(reopened.id)).toEqual([]);
    expect(await surveysOf(silent.id)).toEqual([]);
    // Swept again (or by another process): nothing more.
    expect((await sweepAll(AFTER_GRACE + 60_000)).surveyed).toBe(0);
    expect(await surveysOf(kept.id)).toHaveLength(1);
    const rows = await db.query<{ rep_id: string; team_id: string }>(
      'select rep_id, team_id from csat_surveys where conversation_id = $1',
      [kept.id],
    );
    expect(rows).toEqual([{ rep_id: rep.id, team_id: 'a' }]);
  });

  it('queues the question for the provider where one sends on the channel', async () => {
    const { id } = await conversation('a');
    await resolve(id, 'closed', NOW + 10);
    const swept = await sendSurveys(db, AFTER_GRACE + 10, { sendsOn: () => true });
    expect(swept).toMatchObject({ surveyed: 1, queued: true });
    expect(await surveysOf(id)).toEqual([{ body: QUESTION, author_id: null, status: 'pending' }]);
    const queued = await db.query(
      `select 1 from outbound_sends s join messages m on m.id = s.message_id where m.conversation_id = $1`,
      [id],
    );
    expect(queued).toHaveLength(1);
  });

  it('records a score answer against the rep and keeps the conversation resolved; other words reopen it', async () => {
    const scored = await conversation('a');
    const complained = await conversation('a');
    await resolve(scored.id, 'closed', NOW + 20);
    await resolve(complained.id, 'closed', NOW + 20);
    expect((await sweepAll(AFTER_GRACE + 20)).surveyed).toBe(2);
    const before = await csatReport(db, ['a'], { from: 0, to: AFTER_GRACE * 2, tzOffsetMinutes: 0 });

    const at = AFTER_GRACE + 5 * 60_000;
    await receiveInbound(db, { channel: 'sms', from: scored.phone, body: '4 stars' }, at);
    const stillResolved = await getConversation(db, scored.id);
    expect(stillResolved).toMatchObject({ status: 'closed', waitingSince: null, lastMessagePreview: '4 stars' });

    await receiveInbound(db, { channel: 'sms', from: complained.phone, body: 'It still has not arrived' }, at);
    expect(await getConversation(db, complained.id)).toMatchObject({ status: 'open', waitingSince: at });

    const after = await csatReport(db, ['a'], { from: 0, to: AFTER_GRACE * 2, tzOffsetMinutes: 0 });
    expect(after.days.reduce((sum, day) => sum + day.responses, 0)).toBe(
      before.days.reduce((sum, day) => sum + day.responses, 0) + 1,
    );
    const ritaBefore = before.reps.find((row) => row.repId === rep.id) ?? { responses: 0, scoreTotal: 0 };
    expect(after.reps.find((row) => row.repId === rep.id)).toMatchObject({
      responses: ritaBefore.responses + 1,
      scoreTotal: ritaBefore.scoreTotal + 4,
    });
    expect(after.teams.map((team) => team.teamId)).toEqual(['a']);
    expect(after.teams[0]).toMatchObject({
      question: QUESTION,
      responses: (before.teams[0]?.responses ?? 0) + 1,
      scoreTotal: (before.teams[0]?.scoreTotal ?? 0) + 4,
      sent: before.teams[0]?.sent ?? -1,
    });
    expect(after.sent).toBe(after.teams[0]?.sent);

    // The survey is answered: a second score is an ordinary message, which reopens the conversation.
    await receiveInbound(db, { channel: 'sms', from: scored.phone, body: '5' }, at + 1_000);
    expect(await getConversation(db, scored.id)).toMatchObject({ status: 'open' });
  });

  it('takes no answer after the answer window', async () => {
    const late = await conversation('a');
    await resolve(late.id, 'closed', NOW + 30);
    expect((await sweepAll(AFTER_GRACE + 30)).surveyed).toBe(1);
    await receiveInbound(db, { channel: 'sms', from: late.phone, body: '5' }, AFTER_GRACE + 8 * 86_400_000);
    expect(await getConversation(db, late.id)).toMatchObject({ status: 'open' });
    const rows = await db.query('select 1 from csat_surveys where conversation_id = $1 and score is not null', [
      late.id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a blank or overlong question, and audits each change of the question', async () => {
    expect(await refusalOf(changeCsatQuestion(db, lead, 'b', '   ', NOW))).toMatch(/^invalid_input/);
    expect(await refusalOf(changeCsatQuestion(db, lead, 'b', 'x'.repeat(281), NOW))).toMatch(/^invalid_input/);
    expect(await refusalOf(changeCsatQuestion(db, lead, 'nope', QUESTION, NOW))).toMatch(/^not_found/);
    await changeCsatQuestion(db, lead, 'b', 'Rate us 1-5', NOW + 1);
    await changeCsatQuestion(db, lead, 'b', null, NOW + 2);
    const audit = await db.query<{ actor: string; before: unknown; after: unknown }>(
      `select actor, before, after from audit_log where type = 'team_settings' and entity_id = 'b' order by id`,
    );
    expect(audit).toEqual([
      { actor: lead.id, before: { csatQuestion: null }, after: { csatQuestion: 'Rate us 1-5' } },
      { actor: lead.id, before: { csatQuestion: 'Rate us 1-5' }, after: { csatQuestion: null } },
    ]);
  });
});

// Two sweeps at once need two transactions at once: PGlite runs one at a time.
const postgres = testBackends.filter((backend) => backend.kind === 'postgres');

describe.skipIf(postgres.length === 0).each(postgres)('survey sweeps racing on $kind', (backend) => {
  it('surveys each resolution exactly once when several processes sweep at the same moment', async () => {
    const handle = await backend.open();
    const db = handle.db;
    try {
      const lead = await (await teamsAB(db, NOW))('lena', 'lead', ['a']);
      await changeCsatQuestion(db, lead, 'a', QUESTION, NOW);
      const ids: string[] = [];
      for (let n = 0; n < 30; n++) {
        await db.transaction((tx) =>
          insertCustomer(tx, smsCustomer(`c${n}`, `+1415666${String(n).padStart(4, '0')}`, NOW)),
        );
        const id = `race-${n}`;
        await insertConversation(
          db,
          openSmsConversation({ id, teamId: 'a', customerId: `c${n}`, assigneeId: lead.id }, NOW),
          NOW,
        );
        await applyAction(
          db,
          lead,
          {
            id: `close-${n}`,
            action: { type: 'status', conversationId: id, seenAssigneeId: lead.id, status: 'closed' },
          },
          NOW,
        );
        ids.push(id);
      }
      const sweeps = await Promise.all(
        Array.from({ length: 4 }, () => sendSurveys(db, AFTER_GRACE, { sendsOn: () => false, limit: 10 })),
      );
      // Whoever held the cursor surveyed; a later pass picks up what the limit left.
      let total = sweeps.reduce((sum, sweep) => sum + sweep.surveyed, 0);
      for (let pass = 0; pass < 5; pass++) total += (await sendSurveys(db, AFTER_GRACE, quiet)).surveyed;
      expect(total).toBe(30);
      const perConversation = await db.query<{ n: string | number }>(
        `select count(*) as n from messages where direction = 'outbound' and conversation_id = any($1::text[])
         group by conversation_id`,
        [ids],
      );
      expect(perConversation.map((row) => Number(row.n))).toEqual(Array.from({ length: 30 }, () => 1));
    } finally {
      await handle.dispose();
    }
  });
});

describe('CAREDESK_CSAT_GRACE_SECONDS', () => {
  it('reads seconds from 0 to a day, a minute when unset, and refuses anything else', () => {
    expect(csatGraceFromEnv(undefined)).toBe(CSAT_GRACE_MS);
    expect(csatGraceFromEnv('0')).toBe(0);
    expect(csatGraceFromEnv('90')).toBe(90_000);
    for (const bad of ['-1', 'soon', '86401'])
      expect(() => csatGraceFromEnv(bad)).toThrow(/CAREDESK_CSAT_GRACE_SECONDS/);
  });
});
