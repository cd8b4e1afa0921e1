// A sender is matched on exactly the identity the provider names, read the way people write it:
// engine ↔ real server, the message posted through the server's inbound API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain';
import type { Engine } from '../../electron/services/api/engine';
import { nextEvent } from '../../electron/services/testing/events';
import { insertConversation } from '../../server/db/conversations';
import { insertCustomer } from '../../server/db/customers';
import { openSmsConversation } from '../../server/db/testing';
import { DEMO_TEAMS } from '../../server/demo/generate';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, LEAD, serverCount, signedInEngine } from './support';

const cleanups = createCleanups();
afterEach(cleanups.run);

/** A known customer with a (closed) SMS conversation in Orders, so every lead's engine holds them. */
async function knownCustomer(server: TestServer, customer: Customer): Promise<void> {
  await server.sql.transaction((tx) => insertCustomer(tx, customer));
  await insertConversation(
    server.sql,
    {
      ...openSmsConversation({ id: `conv-${customer.id}`, teamId: DEMO_TEAMS.orders.id, customerId: customer.id }, 1),
      status: 'closed',
    },
    1,
  );
}

function phoneCustomer(id: string, name: string, value: string, display: string): Customer {
  return {
    id,
    name,
    email: null,
    createdAt: 1,
    identities: [{ id: `${id}-phone`, customerId: id, channel: 'sms', value, display }],
  };
}

/** POST /api/inbound as a lead; the response as it came. */
async function inbound(server: TestServer, request: { channel: string; from: string; body: string }) {
  const lead = await server.signIn(LEAD);
  return fetch(new URL('/api/inbound', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${lead.token}` },
    body: JSON.stringify(request),
  });
}

/** Posts an inbound message and answers the conversation as the engine then holds it. */
async function receivedBy(
  engine: Engine,
  server: TestServer,
  request: { channel: string; from: string; body: string },
) {
  const changed: string[] = [];
  engine.on('inbox:changed', (event) => void changed.push(...event.conversationIds));
  const response = await inbound(server, request);
  expect(response.status).toBe(201);
  const { conversationId } = (await response.json()) as { conversationId: string };
  if (!changed.includes(conversationId))
    await nextEvent(engine, 'inbox:changed', (event) => event.conversationIds.includes(conversationId), 20_000);
  await engine.idle();
  return engine.handlers['inbox:get']({ conversationId });
}

describe('a server reading national numbers in the US (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demoConversations: 0 });
    await knownCustomer(server, phoneCustomer('cust-pat', 'Pat Doe', '+14155550134', '+1 415-555-0134'));
  });
  afterAll(() => server.close());

  it('joins an SMS from "(415) 555-0134" and a WhatsApp message from the same number to the customer stored as "+1 415-555-0134"', async () => {
    const engine = await signedInEngine(cleanups, server.url, LEAD);
    const customers = await serverCount(server.sql, 'select count(*) as n from customers');

    const sms = await receivedBy(engine, server, { channel: 'sms', from: '(415) 555-0134', body: 'Where is #1042?' });
    expect(sms.conversation).toMatchObject({ customerId: 'cust-pat', channel: 'sms' });
    expect(sms.customer.name).toBe('Pat Doe');

    const whatsapp = await receivedBy(engine, server, {
      channel: 'whatsapp',
      from: 'whatsapp:+14155550134',
      body: 'Writing on WhatsApp now',
    });
    expect(whatsapp.conversation).toMatchObject({ customerId: 'cust-pat', channel: 'whatsapp' });
    expect(whatsapp.conversation.id).not.toBe(sms.conversation.id);
    // One phone identity serves both channels; nobody new was created.
    expect(whatsapp.customer.identities).toEqual([
      expect.objectContaining({ kind: 'phone', value: '+14155550134', display: '+1 415-555-0134' }) as unknown,
    ]);
    expect(await serverCount(server.sql, 'select count(*) as n from customers')).toBe(customers);
  });

  it('refuses an unparseable number with a 400 invalid_input and stores nothing', async () => {
    const count = () =>
      serverCount(
        server.sql,
        'select (select count(*) from customers) + (select count(*) from identities) + (select count(*) from messages) as n',
      );
    const before = await count();
    const response = await inbound(server, { channel: 'sms', from: 'call me back', body: 'hello?' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'invalid_input',
      message: 'Not a sender on SMS: "call me back" is not a phone number.',
    });
    expect(await count()).toBe(before);
  });
});

describe('a server reading national numbers in GB', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demoConversations: 0, defaultRegion: 'GB' });
    await knownCustomer(server, phoneCustomer('cust-harriet', 'Harriet Ashdown', '+442079460958', '+44 20 7946 0958'));
  });
  afterAll(() => server.close());

  it('joins an SMS from "020 7946 0958" to the customer stored as "+44 20 7946 0958"', async () => {
    const engine = await signedInEngine(cleanups, server.url, LEAD);
    const view = await receivedBy(engine, server, { channel: 'sms', from: '020 7946 0958', body: 'Parcel not here' });
    expect(view.conversation.customerId).toBe('cust-harriet');
    expect(view.customer.name).toBe('Harriet Ashdown');
  });
});
