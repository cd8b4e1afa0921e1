import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/entities';
import { createTeam } from './accounts';
import { insertConversation } from './conversations';
import { insertCustomer } from './customers';
import type { InboundDetails } from './inbound-details';
import { insertMessage, listMessages } from './messages';
import type { Database } from './sql';
import { openSmsConversation, smsCustomer, testBackends } from './testing';
import type { TestDatabase } from './testing';

const NOW = 1_800_000_000_000;
const PHOTO = {
  url: 'https://media.example/1.jpg',
  providerMediaId: null,
  contentType: 'image/jpeg',
  size: 10,
  filename: null,
};
const DETAILS: InboundDetails = {
  account: '+14155550000',
  identityId: null,
  kind: 'direct',
  sentAt: NOW - 5_000,
  subject: null,
  thread: { references: ['<a@mail.example>'] },
  media: [PHOTO],
};

describe.each(testBackends)('insertMessage on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await insertCustomer(db, smsCustomer('c1', '+14155550101', NOW));
    await insertConversation(db, openSmsConversation({ id: 'conv', teamId: 'a', customerId: 'c1' }, NOW), NOW);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  const inbound = (id: string): Message => ({
    id,
    conversationId: 'conv',
    channel: 'sms',
    direction: 'inbound',
    authorId: null,
    body: `text of ${id}`,
    createdAt: NOW,
    status: 'received',
    clientId: null,
  });

  async function detailsOf(messageId: string) {
    return db.query<{
      account: string;
      kind: string;
      sent_at: string | number | null;
      thread: unknown;
      media: unknown;
    }>('select account, kind, sent_at, thread, media from inbound_details where message_id = $1', [messageId]);
  }

  it('writes an inbound message and its details in one go', async () => {
    const result = await db.transaction((tx) => insertMessage(tx, inbound('m1'), 'a', 'SM1', DETAILS));
    expect(result.inserted).toBe(true);
    const [row] = await detailsOf('m1');
    expect({ ...row, sent_at: Number(row?.sent_at) }).toEqual({
      account: DETAILS.account,
      kind: 'direct',
      sent_at: NOW - 5_000,
      thread: DETAILS.thread,
      media: [PHOTO],
    });
    const [stored] = await listMessages(db, 'conv');
    expect(stored).toMatchObject({ id: 'm1', attachments: [PHOTO] });
  });

  it('writes no details when the provider message is already stored, and answers the stored one', async () => {
    const result = await db.transaction((tx) =>
      insertMessage(tx, inbound('m2'), 'a', 'SM1', { ...DETAILS, account: 'another' }),
    );
    expect(result).toEqual({ inserted: false, message: expect.objectContaining({ id: 'm1' }) as unknown });
    expect(await detailsOf('m2')).toEqual([]);
    expect((await detailsOf('m1')).map((row) => row.account)).toEqual([DETAILS.account]);
    expect((await listMessages(db, 'conv')).map((m) => m.id)).toEqual(['m1']);
  });

  it('writes no details row for a message without them', async () => {
    const result = await db.transaction((tx) => insertMessage(tx, inbound('m3'), 'a', 'SM3'));
    expect(result.inserted).toBe(true);
    expect(await detailsOf('m3')).toEqual([]);
  });
});
