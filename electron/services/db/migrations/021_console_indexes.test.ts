import { describe, expect, it } from 'vitest';
import { consoleOverview } from '../console';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { waitingSubjects } from '../sla';
import { queryPlans } from '../testing';

const NOW = Date.UTC(2026, 11, 6, 12);
const MIN = 60_000;

describe('migration 021 console indexes', () => {
  it('keeps the version-20 rows, and the console counts and waiting rows read from them', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 20);
    const insertConversation = db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since, customer_name, intent, sentiment, urgency)
       VALUES (?, 't1', 'cu1', ?, NULL, ?, ?, ?, ?, 'Hi', ?, 'Maria', 'refund', ?, ?)`,
    );
    const insertMessage = db.prepare(
      `INSERT INTO messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       VALUES (?, ?, 'sms', ?, NULL, 'Hello', ?, 'received', NULL)`,
    );
    // Waiting, never answered; waiting again after a reply; answered; resolved.
    insertConversation.run('c1', 'sms', 'open', null, NOW - 60 * MIN, NOW - 50 * MIN, NOW - 50 * MIN, 'negative', 2);
    insertMessage.run('m1', 'c1', 'inbound', NOW - 50 * MIN);
    insertConversation.run('c2', 'email', 'pending', 'u1', NOW - 90 * MIN, NOW - 5 * MIN, NOW - 5 * MIN, 'neutral', 0);
    insertMessage.run('m2', 'c2', 'inbound', NOW - 90 * MIN);
    insertMessage.run('m3', 'c2', 'outbound', NOW - 80 * MIN);
    insertMessage.run('m4', 'c2', 'inbound', NOW - 5 * MIN);
    insertConversation.run('c3', 'sms', 'open', 'u1', NOW - 30 * MIN, NOW - 20 * MIN, null, 'positive', 0);
    insertConversation.run('c4', 'sms', 'closed', 'u1', NOW - 30 * MIN, NOW - 20 * MIN, null, null, 0);
    const input = { teamIds: ['t1'], assignee: null, days: 7, tzOffsetMinutes: 0, now: NOW };
    const before = waitingSubjects(db, ['t1']);

    migrate(db, 21);
    expect(schemaVersion(db)).toBe(21);
    expect(db.prepare('SELECT count(*) FROM conversations').pluck().get()).toBe(4);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(4);
    const after = waitingSubjects(db, ['t1']);
    expect(after).toEqual(before);
    expect(after.map((s) => [s.id, s.replied])).toEqual([
      ['c1', false],
      ['c2', true],
    ]);
    // Today's console reads later columns too (users.active, migration 022).
    migrate(db);
    expect(consoleOverview(db, input).backlog).toMatchObject({
      open: 3,
      waiting: 2,
      unassigned: 1,
      byChannel: [
        { channel: 'sms', open: 2, waiting: 1, unassigned: 1 },
        { channel: 'email', open: 1, waiting: 1, unassigned: 0 },
      ],
      byIntent: [{ intent: 'refund', open: 3, negative: 1, neutral: 1, positive: 1 }],
    });

    db.close();
  });

  it('lets the console read the backlog from indexes alone: no table row per open conversation', () => {
    const db = openCache(':memory:');
    const plans = queryPlans(db, () =>
      consoleOverview(db, { teamIds: ['t1'], assignee: null, days: 7, tzOffsetMinutes: 0, now: NOW }),
    );
    // The counts by channel, intent and assignee, the waiting rows with "anyone replied", the waits' spread.
    const backlog = plans.filter(({ sql }) => /conversations_(backlog|waiting_team)/.test(sql));
    expect(backlog).toHaveLength(5);
    for (const { sql, plan } of backlog) {
      const reads = plan.filter((line) => /^(SEARCH|SCAN) (c|m|conversations|messages)\b/.test(line));
      expect(reads.length, sql).toBeGreaterThan(0);
      for (const line of reads) expect(line, sql).toMatch(/USING COVERING INDEX/);
    }
    db.close();
  });
});
