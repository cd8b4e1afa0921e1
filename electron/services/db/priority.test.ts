import { describe, expect, it } from 'vitest';
import type { Action } from '../../../shared/sync';
import { changes, conversation, customer, user } from '../testing/fixtures';
import { applyChanges } from './changes';
import { priorityOfSubject } from '../../../shared/domain/sla';
import { getConversation, getConversationSummary, listConversations } from './conversations';
import { openCache } from './open';
import { enqueueAction, listRejected, markRejected } from './outbox';
import { PRIORITY_IN_EFFECT } from './rows';
import { openSubjects } from './sla';

const on = { conversationId: 'c1', seenAssigneeId: null };
const setPriority = (priority: 'urgent' | 'high' | 'normal' | null): Action => ({
  type: 'setPriority',
  ...on,
  priority,
});

function seeded() {
  const db = openCache(':memory:');
  applyChanges(db, changes(user('u1'), customer('cu1'), conversation('c1', { channel: 'sms' })));
  return db;
}

describe('a priority a person set, in the cache', () => {
  it('shows at once in the list, the thread and the service levels, and stays on top of others’ changes', () => {
    const db = seeded();
    // Automatic: a calm customer is normal, an hour to answer on SMS.
    expect(openSubjects(db, ['t1'])[0]?.due).toMatchObject({ priority: 'normal', target: 60 });

    enqueueAction(db, { id: 'a-urgent', action: setPriority('urgent'), createdAt: 6_000 });
    expect(getConversationSummary(db, 'c1')).toMatchObject({ priority: 'urgent', pendingActions: 1 });
    expect(getConversation(db, 'c1').conversation.priority).toBe('urgent');
    // The due time is recomputed: the priority is part of what it depends on.
    expect(openSubjects(db, ['t1'])[0]?.due).toMatchObject({ priority: 'urgent', target: 15 });

    // Someone else tags it on the server: the priority stays on top of their change.
    applyChanges(db, changes(conversation('c1', { channel: 'sms', tags: ['damaged'] })));
    expect(getConversationSummary(db, 'c1')).toMatchObject({ priority: 'urgent', tags: ['damaged'] });
    db.close();
  });

  it('is undone when the server refuses it, back to what the server holds', () => {
    const db = seeded();
    applyChanges(db, changes(conversation('c1', { channel: 'sms', priority: 'high' })));
    enqueueAction(db, { id: 'a-auto', action: setPriority(null), createdAt: 6_000 });
    expect(getConversationSummary(db, 'c1')?.priority).toBeUndefined();
    expect(openSubjects(db, ['t1'])[0]?.due?.priority).toBe('normal');

    markRejected(
      db,
      'a-auto',
      'This conversation is assigned to User u2; only they or a lead can change its priority.',
      7_000,
    );
    expect(getConversationSummary(db, 'c1')).toMatchObject({ priority: 'high', pendingActions: 0 });
    expect(openSubjects(db, ['t1'])[0]?.due?.priority).toBe('high');
    expect(listRejected(db).map((r) => r.id)).toEqual(['a-auto']);
    db.close();
  });
});

describe('the inbox priority filter', () => {
  it('reads the priority in effect exactly as the service levels do, for every urgency and choice', () => {
    const db = openCache(':memory:');
    for (const urgency of [0, 1, 2, 3])
      for (const priority of [null, 'urgent', 'high', 'normal'] as const) {
        const sql = `SELECT ${PRIORITY_IN_EFFECT} FROM (SELECT ? AS priority, ? AS urgency) AS c`;
        expect(db.prepare(sql).pluck().get(priority, urgency), `${urgency} ${priority}`).toBe(
          priorityOfSubject({ urgency, priority }),
        );
      }
    db.close();
  });

  it('lists and counts the conversations of one priority in effect, a person’s choice or triage’s', () => {
    const db = openCache(':memory:');
    applyChanges(
      db,
      changes(
        user('u1'),
        customer('cu1'),
        conversation('calm'),
        conversation('marked', { priority: 'urgent' }),
        conversation('angry'),
        conversation('angry-but-normal', { priority: 'normal' }),
      ),
    );
    db.prepare("UPDATE conversations SET urgency = 3 WHERE id IN ('angry', 'angry-but-normal')").run();
    const list = (priority: 'urgent' | 'high' | 'normal') =>
      listConversations(db, { userId: 'u1', userTeamIds: ['t1'], filter: 'all', priority, limit: 10 });
    const urgent = list('urgent');
    expect(urgent.items.map((c) => c.id).sort()).toEqual(['angry', 'marked']);
    expect(urgent.total).toBe(2);
    expect(
      list('normal')
        .items.map((c) => c.id)
        .sort(),
    ).toEqual(['angry-but-normal', 'calm']);
    expect(list('high').total).toBe(0);
    db.close();
  });
});
