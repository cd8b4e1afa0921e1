// Small builders of domain entities and changes for tests.
import type { Change } from '../../../shared/sync';
import type { Conversation, Customer, Message, Order, Team, User } from '../../../shared/domain';
import type { Db } from '../db/open';
import { enqueueAction } from '../db/outbox';

let seq = 0;
/** Wraps entities as changes with increasing seq numbers. */
export function changes(...items: Omit<Change, 'seq'>[]): Change[] {
  return items.map((item) => ({ ...item, seq: ++seq }) as Change);
}

export const team = (id: string, name = `Team ${id}`): Omit<Change, 'seq'> => ({
  kind: 'team',
  data: { id, name } satisfies Team,
});

export function userData(id: string, overrides: Partial<User> = {}): User {
  return { id, name: `User ${id}`, email: `${id}@example.com`, role: 'rep', teamIds: ['t1'], ...overrides };
}
export const user = (id: string, overrides: Partial<User> = {}): Omit<Change, 'seq'> => ({
  kind: 'user',
  data: userData(id, overrides),
});

function customerData(id: string, overrides: Partial<Customer> = {}): Customer {
  return {
    id,
    name: `Customer ${id}`,
    email: `${id}@mail.example`,
    createdAt: 1_000,
    identities: [
      { id: `${id}-x`, customerId: id, channel: 'x', value: `${id}_handle`, display: `@${id}_handle` },
      { id: `${id}-sms`, customerId: id, channel: 'sms', value: '+14155550100', display: '+1 415 555 0100' },
    ],
    ...overrides,
  };
}
export const customer = (id: string, overrides: Partial<Customer> = {}): Omit<Change, 'seq'> => ({
  kind: 'customer',
  data: customerData(id, overrides),
});

export function conversationData(id: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    teamId: 't1',
    customerId: 'cu1',
    channel: 'x',
    subject: null,
    status: 'open',
    assigneeId: null,
    createdAt: 1_000,
    lastMessageAt: 2_000,
    lastMessagePreview: 'Hello',
    waitingSince: 2_000,
    tags: [],
    snoozedUntil: null,
    ...overrides,
  };
}
export const conversation = (id: string, overrides: Partial<Conversation> = {}): Omit<Change, 'seq'> => ({
  kind: 'conversation',
  data: conversationData(id, overrides),
});

export function messageData(id: string, overrides: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: 'c1',
    channel: 'x',
    direction: 'inbound',
    authorId: null,
    body: `Message ${id}`,
    createdAt: 2_000,
    status: 'received',
    clientId: null,
    ...overrides,
  };
}
export const message = (id: string, overrides: Partial<Message> = {}): Omit<Change, 'seq'> => ({
  kind: 'message',
  data: messageData(id, overrides),
});

function orderData(id: string, overrides: Partial<Order> = {}): Order {
  return {
    id,
    customerId: 'cu1',
    number: `#${id}`,
    placedAt: 1_500,
    status: 'fulfilled',
    currency: 'USD',
    subtotalCents: 9_000,
    shippingCents: 500,
    taxCents: 500,
    totalCents: 10_000,
    lineItems: [{ sku: 'SKU-1', title: 'Kettle', quantity: 1, unitPriceCents: 9_000 }],
    payments: [],
    shipments: [],
    returns: [],
    refunds: [],
    ...overrides,
  };
}
export const order = (id: string, overrides: Partial<Order> = {}): Omit<Change, 'seq'> => ({
  kind: 'order',
  data: orderData(id, overrides),
});

/**
 * Text of `count` words never seen before: indexing it needs new search-index pages, so on a
 * full cache the message row still fits and its index entry does not.
 */
export function unseenWords(count: number, tag = 'w'): string {
  return Array.from({ length: count }, (_, i) => `${tag}${i.toString(36)}q`).join(' ');
}

/** Queues a reply as the engine does: the pending message and its outbox entry (action id = clientId). */
export function enqueueReply(db: Db, message: Message): void {
  if (message.clientId === null) throw new Error('A queued reply needs a clientId.');
  enqueueAction(db, {
    id: message.clientId,
    action: { type: 'reply', conversationId: message.conversationId, seenAssigneeId: null, body: message.body },
    createdAt: message.createdAt,
    local: { message },
  });
}
