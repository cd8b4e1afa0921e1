import { describe, expect, it } from 'vitest';
import { getConversationSummary } from '../conversations';
import { migrate, schemaVersion } from '../migrate';
import { openCache } from '../open';
import { enqueueAction, listPending, listRejected } from '../outbox';

describe('migration 006 outbox targets', () => {
  it('keeps every queued and refused action, in order, each targeting its conversation, and never reuses a seq', () => {
    const db = openCache(':memory:', { migrate: false });
    migrate(db, 5);
    db.prepare(
      `INSERT INTO conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at,
         last_message_at, last_message_preview, waiting_since) VALUES (?, 't1', 'cu1', 'sms', NULL, 'open', NULL, 1, 2, 'Hi', NULL)`,
    ).run('c1');
    const insert = db.prepare(
      `INSERT INTO outbox (id, conversation_id, type, payload, created_at, state, attempts, reason, rejected_at)
       VALUES (?, 'c1', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tag = (name: string) =>
      JSON.stringify({ type: 'tag', conversationId: 'c1', seenAssigneeId: null, tag: name, on: true });
    insert.run('a-1', 'tag', tag('first'), 10, 'pending', 2, null, null);
    insert.run('a-2', 'tag', tag('refused'), 11, 'rejected', 1, 'Reassigned to Ana.', 12);
    insert.run('a-3', 'tag', tag('third'), 13, 'pending', 0, null, null);
    // The highest seq handed out so far belongs to an action since done.
    db.prepare(
      "INSERT INTO outbox (id, conversation_id, type, payload, created_at, state) VALUES ('gone', 'c1', 'tag', ?, 14, 'pending')",
    ).run(tag('gone'));
    db.prepare("DELETE FROM outbox WHERE id = 'gone'").run();

    migrate(db, 6);
    expect(schemaVersion(db)).toBe(6);
    expect(listPending(db).map((e) => [e.id, e.attempts, e.conversationIds])).toEqual([
      ['a-1', 2, ['c1']],
      ['a-3', 0, ['c1']],
    ]);
    expect(listRejected(db).map((e) => [e.id, e.reason, e.rejectedAt])).toEqual([['a-2', 'Reassigned to Ana.', 12]]);
    expect(db.prepare('SELECT action_id FROM outbox_targets ORDER BY action_id').pluck().all()).toEqual([
      'a-1',
      'a-2',
      'a-3',
    ]);

    // An action on several conversations, and the next seq is after the one handed out before (today's
    // outbox writes today's schema, so the cache is brought up to date first; the seq survives that too).
    migrate(db);
    expect(getConversationSummary(db, 'c1')?.pendingActions).toBe(2);
    enqueueAction(db, {
      id: 'bulk',
      action: { type: 'assignMany', items: [{ conversationId: 'c1', seenAssigneeId: null }], assigneeId: null },
      createdAt: 20,
    });
    const bulk = listPending(db).find((e) => e.id === 'bulk');
    expect(bulk?.seq).toBe(5);
    expect(db.prepare("SELECT conversation_id FROM outbox WHERE id = 'bulk'").pluck().get()).toBeNull();
    expect(getConversationSummary(db, 'c1')?.pendingActions).toBe(3);
    db.close();
  });
});
