import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSAT_GRACE_MS } from '../../shared/domain/csat';
import type { User } from '../../shared/domain/entities';
import { DEFAULT_OUTBOUND, WHATSAPP_WINDOW_MS } from '../channels/outbound';
import { startProviderDouble } from '../channels/provider-double';
import type { ProviderDouble } from '../channels/provider-double';
import type { Database } from '../db/sql';
import { teamsAB, testBackends } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { applyAction } from './actions/apply';
import { changeCsatQuestion, sendSurveys } from './csat';
import { receiveInbound } from './inbound';
import { sendDueReplies } from './outbound';
import type { OutboundOptions } from './outbound';

const NOW = 1_800_000_000_000;
const QUESTION = 'How did we do? Reply 1 to 5.';
const CONTENT_SID = 'HX1234567890abcdef1234567890abcdef';

describe.each(testBackends)("the WhatsApp survey and the customer's 24-hour window on $kind", (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let rep: User;
  let double: ProviderDouble;
  let options: OutboundOptions;
  let sent = 0;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    const user = await teamsAB(db, NOW);
    rep = await user('rita', 'rep', ['a']);
    await changeCsatQuestion(db, await user('lena', 'lead', ['a']), 'a', QUESTION, NOW);
    double = await startProviderDouble(() => ({ status: 201, body: { sid: `SM${String(++sent).padStart(32, '0')}` } }));
    options = {
      config: {
        ...DEFAULT_OUTBOUND,
        twilioApiUrl: double.url,
        twilioAccountSid: 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        twilioAuthToken: 'token',
        twilioSurveyContentSid: CONTENT_SID,
      },
    };
  });
  afterAll(async () => {
    await double.close();
    await handle.dispose();
  });

  /** The customer writes on WhatsApp at NOW; the rep resolves at `resolvedAt`; the survey goes after its grace. */
  async function surveyAfter(phone: string, resolvedAt: number): Promise<Record<string, string>> {
    const { conversationId } = await receiveInbound(
      db,
      { channel: 'whatsapp', from: `whatsapp:${phone}`, body: 'Thanks!', account: '+14155550100' },
      NOW,
      'a',
    );
    await applyAction(
      db,
      rep,
      {
        id: `resolve-${phone}`,
        action: { type: 'status', conversationId, seenAssigneeId: null, status: 'closed' },
      },
      resolvedAt,
    );
    const surveyedAt = resolvedAt + CSAT_GRACE_MS + 1_000;
    expect(await sendSurveys(db, surveyedAt, { sendsOn: () => true })).toMatchObject({ surveyed: 1, queued: true });
    await sendDueReplies(db, options, () => surveyedAt);
    const request = double.received.find((r) => new URLSearchParams(r.body).get('To') === `whatsapp:${phone}`);
    return Object.fromEntries(new URLSearchParams(request?.body));
  }

  it('asks as text while the customer wrote within 24 hours', async () => {
    const form = await surveyAfter('+14155550181', NOW + 60_000);
    expect(form).toMatchObject({ Body: QUESTION });
    expect(form).not.toHaveProperty('ContentSid');
  });

  it('asks with the approved template once 24 hours have passed since the customer last wrote', async () => {
    const form = await surveyAfter('+14155550182', NOW + WHATSAPP_WINDOW_MS);
    expect(form).toMatchObject({ ContentSid: CONTENT_SID, ContentVariables: JSON.stringify({ 1: QUESTION }) });
    expect(form).not.toHaveProperty('Body');
  });
});
