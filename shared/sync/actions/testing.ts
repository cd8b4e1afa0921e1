// Fixtures for the action modules' tests: an open, unassigned SMS conversation of team t1, and people.
import type { Conversation, User } from '../../domain/entities';

export const conversation: Conversation = {
  id: 'c1',
  teamId: 't1',
  customerId: 'cu1',
  channel: 'sms',
  subject: null,
  status: 'open',
  assigneeId: null,
  createdAt: 1,
  lastMessageAt: 10,
  lastMessagePreview: 'Hi',
  waitingSince: 10,
  tags: [],
  snoozedUntil: null,
};

/** A user named after their id in capitals, of team t1 unless told otherwise. */
export const person = (id: string, role: User['role'], teamIds = ['t1']): User => ({
  id,
  name: id.toUpperCase(),
  email: `${id}@example.test`,
  role,
  teamIds,
});
