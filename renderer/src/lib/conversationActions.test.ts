import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../../shared/api';
import { applyAction, describeAction, tagChanges } from './conversationActions';

const summary: ConversationSummary = {
  id: 'c1',
  teamId: 't1',
  customerId: 'cu1',
  channel: 'sms',
  subject: null,
  status: 'open',
  assigneeId: null,
  createdAt: 1,
  lastMessageAt: 2,
  lastMessagePreview: 'Hi',
  waitingSince: null,
  tags: ['damaged'],
  snoozedUntil: null,
  customerName: 'Maria',
  customerHandle: '+1 555',
  assigneeName: null,
  pendingActions: 0,
  intent: null,
  sentiment: null,
  urgency: 0,
  replied: false,
};
const on = { conversationId: 'c1' };

describe('applyAction', () => {
  it('assigns with the name shown and unassigns', () => {
    const assigned = applyAction(summary, { ...on, type: 'assign', assigneeId: 'u2' }, { assigneeName: 'Ana' });
    expect(assigned).toMatchObject({ assigneeId: 'u2', assigneeName: 'Ana', pendingActions: 1 });
    expect(applyAction(assigned, { ...on, type: 'assign', assigneeId: null })).toMatchObject({
      assigneeId: null,
      assigneeName: null,
      pendingActions: 2,
    });
  });

  it('resolves, reopens and snoozes', () => {
    const snoozed = applyAction(summary, { ...on, type: 'snooze', until: 99 });
    expect(snoozed).toMatchObject({ status: 'snoozed', snoozedUntil: 99 });
    expect(applyAction(snoozed, { ...on, type: 'status', status: 'closed' })).toMatchObject({
      status: 'closed',
      snoozedUntil: null,
    });
  });

  it("resolving ends the customer's wait, as the engine and the server record it", () => {
    const waiting = { ...summary, waitingSince: 1 };
    expect(applyAction(waiting, { ...on, type: 'status', status: 'closed' })).toMatchObject({
      status: 'closed',
      waitingSince: null,
    });
    expect(applyAction(waiting, { ...on, type: 'status', status: 'open' }).waitingSince).toBe(1);
  });

  it('adds tags sorted and once, in the stored form, and removes them', () => {
    const tagged = applyAction(summary, { ...on, type: 'tag', tag: ' VIP ', on: true });
    expect(tagged.tags).toEqual(['damaged', 'vip']);
    expect(applyAction(tagged, { ...on, type: 'tag', tag: 'vip', on: true }).tags).toEqual(['damaged', 'vip']);
    expect(applyAction(tagged, { ...on, type: 'tag', tag: 'damaged', on: false }).tags).toEqual(['vip']);
  });

  it('only counts a note as pending', () => {
    expect(applyAction(summary, { ...on, type: 'note', body: 'x' })).toEqual({ ...summary, pendingActions: 1 });
  });
});

describe('describeAction', () => {
  it('says what the rep did', () => {
    expect(describeAction({ ...on, type: 'status', status: 'closed' })).toBe('Resolve');
    expect(describeAction({ ...on, type: 'status', status: 'open' })).toBe('Reopen');
    expect(describeAction({ ...on, type: 'assign', assigneeId: 'u2' }, { assigneeName: 'Ana' })).toBe('Assign to Ana');
    expect(describeAction({ ...on, type: 'assign', assigneeId: null })).toBe('Unassign');
  });
});

describe('tagChanges', () => {
  it('finds added and removed tags, normalised', () => {
    expect(tagChanges(['a', 'b'], ['a', 'b', ' New '])).toEqual([{ tag: 'new', on: true }]);
    expect(tagChanges(['a', 'b'], ['a'])).toEqual([{ tag: 'b', on: false }]);
    expect(tagChanges(['a'], ['A'])).toEqual([]);
    expect(tagChanges([], ['', '  '])).toEqual([]);
  });
});
