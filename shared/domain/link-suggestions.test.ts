import { describe, expect, it } from 'vitest';
import { applyToConversation, checkAction } from '../sync/actions';
import { describeEvidence, linkConfidence, openLinkSuggestions } from './link-suggestions';
import type { LinkSuggestion } from './link-suggestions';
import type { Conversation, User } from './entities';

const suggestion = (
  customerId: string,
  confidence: number,
  state: LinkSuggestion['state'] = 'open',
): LinkSuggestion => ({
  customerId,
  customerName: customerId,
  confidence,
  evidence: [{ kind: 'order', value: '#1', messageId: 'm' }],
  state,
  suggestedAt: 1,
});

const conversation: Conversation = {
  id: 'c1',
  teamId: 't1',
  customerId: 'me',
  channel: 'x',
  subject: null,
  status: 'open',
  assigneeId: null,
  createdAt: 1,
  lastMessageAt: 1,
  lastMessagePreview: '',
  waitingSince: 1,
  tags: [],
  snoozedUntil: null,
  linkSuggestions: [
    suggestion('ana', 0.7),
    suggestion('bo', 0.94),
    suggestion('cy', 0.8, 'rejected'),
    suggestion('me', 1),
  ],
};
const rep: User = { id: 'rep', name: 'Rep', email: 'rep@example.test', role: 'rep', teamIds: ['t1'] };

describe('link suggestions', () => {
  it('combines independent evidence, each distinct value once', () => {
    expect(linkConfidence([{ kind: 'order', value: '#1' }])).toBe(0.7);
    expect(
      linkConfidence([
        { kind: 'order', value: '#1' },
        { kind: 'order', value: '#1' },
      ]),
    ).toBe(0.7);
    expect(
      linkConfidence([
        { kind: 'order', value: '#1' },
        { kind: 'email', value: 'a@b.c' },
      ]),
    ).toBe(0.94);
    expect(linkConfidence([])).toBe(0);
    expect(describeEvidence({ kind: 'tracking', value: '1Z9' })).toBe('tracking number 1Z9');
  });

  it('shows open suggestions for other customers, strongest first', () => {
    expect(openLinkSuggestions(conversation).map((s) => s.customerId)).toEqual(['bo', 'ana']);
    expect(openLinkSuggestions({ customerId: 'x' })).toEqual([]);
  });

  it('rejecting marks that customer rejected on every side, and is refused for one never suggested', () => {
    const action = { type: 'rejectLink', conversationId: 'c1', seenAssigneeId: null, customerId: 'ana' } as const;
    const after = applyToConversation(conversation, action, 2);
    expect(after.linkSuggestions?.map((s) => [s.customerId, s.state])).toEqual([
      ['ana', 'rejected'],
      ['bo', 'open'],
      ['cy', 'rejected'],
      ['me', 'open'],
    ]);
    expect(openLinkSuggestions(after).map((s) => s.customerId)).toEqual(['bo']);
    const ctx = { actor: rep, conversation, now: 2, user: () => null };
    expect(() => checkAction(action, ctx)).not.toThrow();
    expect(() => checkAction({ ...action, customerId: 'nobody' }, ctx)).toThrow(/not suggested/);
  });
});
