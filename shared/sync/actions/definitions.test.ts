import { describe, expect, it } from 'vitest';
import type { Conversation, User } from '../../domain/entities';
import { CaredeskError } from '../../domain/errors';
import { ACTION_TYPES, actionDefinitions, applyToConversation, checkAction, describeAction, MAX_TAGS } from './index';
import type { Action, OneConversationAction } from './index';

import { conversation, person } from './testing';

const rep = person('rep', 'rep');
const other = person('other', 'rep');
const lead = person('lead', 'lead');
const outsider = person('outsider', 'rep', ['t2']);
const users = new Map([rep, other, lead, outsider].map((user) => [user.id, user]));
const on = { conversationId: 'c1', seenAssigneeId: null };

function refusal(
  action: OneConversationAction,
  actor: User,
  at: Conversation = conversation,
  now = 100,
): string | null {
  try {
    checkAction(action, { actor, conversation: at, now, user: (id) => users.get(id) ?? null });
    return null;
  } catch (error) {
    if (!(error instanceof CaredeskError)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

describe('action definitions', () => {
  it('define every action type once, each under its own type', () => {
    expect([...ACTION_TYPES].sort()).toEqual([
      'approveRefund',
      'assign',
      'assignMany',
      'cancelOrder',
      'changeOrderAddress',
      'declineRefund',
      'deleteResolution',
      'link',
      'note',
      'refundOrder',
      'rejectLink',
      'reply',
      'reshipOrder',
      'retry',
      'saveResolution',
      'setPriority',
      'snooze',
      'splitIdentity',
      'status',
      'tag',
      'undoMerge',
    ]);
    for (const type of ACTION_TYPES) expect(actionDefinitions[type].schema.safeParse({ type }).success).toBe(false);
  });

  it('a retry leaves the conversation as it is and names the reply it sends again', () => {
    const retry = { ...on, type: 'retry', messageId: 'm-1' } as const;
    expect(applyToConversation(conversation, retry, 20)).toBe(conversation);
    expect(actionDefinitions.retry.schema.safeParse({ ...on, type: 'retry' }).success).toBe(false);
    expect(actionDefinitions.retry.describe(retry, { userName: () => null })).toBe('Send the reply again');
  });

  it('resolving ends the wait and a snooze; reopening keeps the wait', () => {
    const closed = applyToConversation(conversation, { ...on, type: 'status', status: 'closed' }, 20);
    expect(closed).toMatchObject({ status: 'closed', waitingSince: null, snoozedUntil: null });
    const snoozed = applyToConversation(conversation, { ...on, type: 'snooze', until: 500 }, 20);
    expect(applyToConversation(snoozed, { ...on, type: 'status', status: 'open' }, 30)).toMatchObject({
      status: 'open',
      snoozedUntil: null,
      waitingSince: 10,
    });
  });

  it('a reply answers the wait unless it is older than the newest message', () => {
    const reply: Action = { ...on, type: 'reply', body: 'On its way' };
    expect(applyToConversation(conversation, reply, 20)).toMatchObject({ waitingSince: null, lastMessageAt: 20 });
    expect(applyToConversation(conversation, reply, 5)).toBe(conversation);
  });

  it(`refuses a tag beyond ${MAX_TAGS} on both sides, but not one already there or a removal`, () => {
    const full = {
      ...conversation,
      tags: Array.from({ length: MAX_TAGS }, (_, i) => `t${String(i).padStart(2, '0')}`),
    };
    expect(refusal({ ...on, type: 'tag', tag: 'one-more', on: true }, rep, full)).toBe(
      `invalid_input: A conversation can have at most ${MAX_TAGS} tags.`,
    );
    expect(refusal({ ...on, type: 'tag', tag: 't00', on: true }, rep, full)).toBeNull();
    expect(refusal({ ...on, type: 'tag', tag: 't00', on: false }, rep, full)).toBeNull();
  });

  it('refuses a snooze that ends now or earlier', () => {
    expect(refusal({ ...on, type: 'snooze', until: 100 }, rep)).toMatch(/^invalid_input: Pick a time in the future/);
    expect(refusal({ ...on, type: 'snooze', until: 101 }, rep)).toBeNull();
  });

  it('describes each action in a rep’s words', () => {
    const names = { userName: (id: string) => users.get(id)?.name ?? null };
    expect(describeAction({ ...on, type: 'status', status: 'closed' }, names)).toBe('Resolve');
    expect(describeAction({ ...on, type: 'assign', assigneeId: 'other' }, names)).toBe('Assign to OTHER');
    expect(describeAction({ ...on, type: 'assign', assigneeId: 'gone' }, names)).toBe('Assign to a teammate');
    expect(describeAction({ ...on, type: 'tag', tag: ' VIP', on: true }, names)).toBe('Tag “vip”');
    expect(describeAction({ ...on, type: 'reply', body: `a\n${'b'.repeat(80)}` }, names)).toMatch(/^Reply: a b+…$/);
    expect(describeAction({ ...on, type: 'undoMerge', mergeId: 'm1' }, names)).toBe('Undo a merge');
    expect(describeAction({ ...on, type: 'splitIdentity', identityId: 'i1' }, names)).toBe('Split off an identity');
  });

  it('refuses a link of the conversation’s customer into itself on both sides; merges change no conversation field', () => {
    expect(refusal({ ...on, type: 'link', customerId: 'cu1' }, rep)).toBe(
      'invalid_input: This conversation already belongs to that customer: a customer cannot be merged into itself.',
    );
    expect(refusal({ ...on, type: 'link', customerId: 'cu2' }, rep)).toBeNull();
    for (const action of [
      { ...on, type: 'link', customerId: 'cu2' },
      { ...on, type: 'undoMerge', mergeId: 'm1' },
      { ...on, type: 'splitIdentity', identityId: 'i1' },
    ] satisfies Action[]) {
      expect(refusal(action, rep)).toBeNull();
      expect(applyToConversation(conversation, action, 100)).toEqual(conversation);
    }
  });
});

/**
 * Who may assign what: each row is (actor, current assignee, new assignee) → refused or not.
 * Checked by the engine before queuing and by the server on its own row (server tests run the
 * same matrix through the socket).
 */
describe('assignment rules', () => {
  const cases: [User, string | null, string | null, string | null][] = [
    // actor, assigned to, assign to, refusal (code) or null
    [rep, null, 'rep', null], // take from the queue
    [rep, null, 'other', null], // route an unassigned one to a teammate
    [rep, 'rep', 'other', null], // hand over their own
    [rep, 'rep', null, null], // return their own to the queue
    [rep, 'other', 'rep', 'forbidden'], // never take someone else's
    [rep, 'other', null, 'forbidden'],
    [rep, 'other', 'other', 'forbidden'],
    [rep, null, 'outsider', 'invalid_input'], // only to members of the team
    [lead, 'other', 'rep', null], // leads move anyone's
    [lead, 'other', null, null],
    [lead, null, 'outsider', 'invalid_input'],
    [lead, null, 'nobody', 'invalid_input'],
  ];
  it.each(cases)('%s: assigned to %s, assign to %s → %s', (actor, holder, target, refused) => {
    const result = refusal({ ...on, type: 'assign', assigneeId: target }, actor, {
      ...conversation,
      assigneeId: holder,
    });
    expect(result?.split(':')[0] ?? null).toBe(refused);
  });
});
