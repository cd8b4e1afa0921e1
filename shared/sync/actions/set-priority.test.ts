import { describe, expect, it } from 'vitest';
import type { Conversation, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { Action, applyToConversation, checkAction, describeAction, RepActionInput } from './index';
import type { SetPriorityAction } from './set-priority';

import { conversation, person } from './testing';

const rep = person('rep', 'rep');
const other = person('other', 'rep');
const lead = person('lead', 'lead');
const users = new Map([rep, other, lead].map((user) => [user.id, user]));
const set = (priority: SetPriorityAction['priority']): SetPriorityAction => ({
  type: 'setPriority',
  conversationId: 'c1',
  seenAssigneeId: null,
  priority,
});

function refusal(actor: User, at: Conversation): string | null {
  try {
    checkAction(set('urgent'), { actor, conversation: at, now: 100, user: (id) => users.get(id) ?? null });
    return null;
  } catch (error) {
    if (!(error instanceof CaredeskError)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

describe('setPriority', () => {
  it('sets the priority, and null returns it to automatic by leaving no field (as the server sends it)', () => {
    const urgent = applyToConversation(conversation, set('urgent'), 20);
    expect(urgent).toEqual({ ...conversation, priority: 'urgent' });
    expect(applyToConversation(urgent, set('normal'), 21).priority).toBe('normal');
    const automatic = applyToConversation(urgent, set(null), 22);
    expect(automatic).toEqual(conversation);
    expect('priority' in automatic).toBe(false);
    // Another conversation is untouched.
    expect(applyToConversation({ ...conversation, id: 'c2' }, set('high'), 23)).toEqual({ ...conversation, id: 'c2' });
  });

  it('lets a rep set it on an unassigned conversation or their own, never on a teammate’s; a lead on any', () => {
    expect(refusal(rep, conversation)).toBeNull();
    expect(refusal(rep, { ...conversation, assigneeId: 'rep' })).toBeNull();
    expect(refusal(rep, { ...conversation, assigneeId: 'other' })).toBe(
      'forbidden: This conversation is assigned to OTHER; only they or a lead can change its priority.',
    );
    expect(refusal(lead, { ...conversation, assigneeId: 'other' })).toBeNull();
  });

  it('is described in a rep’s words', () => {
    const names = { userName: () => null };
    expect(describeAction(set('urgent'), names)).toBe('Set priority to urgent');
    expect(describeAction(set('high'), names)).toBe('Set priority to high');
    expect(describeAction(set(null), names)).toBe('Return priority to automatic');
  });

  it('accepts only the three priorities or null, also as a rep’s input', () => {
    expect(Action.safeParse(set('high')).success).toBe(true);
    expect(Action.safeParse(set(null)).success).toBe(true);
    expect(Action.safeParse({ ...set('high'), priority: 'critical' }).success).toBe(false);
    expect(Action.safeParse({ ...set('high'), priority: undefined }).success).toBe(false);
    expect(RepActionInput.parse({ type: 'setPriority', conversationId: 'c1', priority: 'normal' })).toEqual({
      type: 'setPriority',
      conversationId: 'c1',
      priority: 'normal',
    });
  });
});
