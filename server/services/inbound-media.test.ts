import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam } from '../db/accounts';
import { pullChanges } from '../db/changes';
import { listMessages } from '../db/messages';
import type { Database } from '../db/sql';
import { testBackends } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { receiveInbound } from './inbound';

const NOW = 1_800_000_000_000;
const PHOTO = {
  url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
  providerMediaId: null,
  contentType: 'image/jpeg',
  size: 48_211,
  filename: null,
};
const VOICE = { url: null, providerMediaId: '2754859441498128', contentType: 'audio/ogg', size: null, filename: null };

describe.each(testBackends)('media that came with an inbound message on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  it('travels with the message to engines, in the order the provider gave, and a redelivery answers the same', async () => {
    const request = {
      channel: 'whatsapp' as const,
      from: 'whatsapp:+14155550199',
      body: '',
      providerMessageId: 'wamid.media-1',
      media: [PHOTO, VOICE],
    };
    const first = await receiveInbound(db, request, NOW, 'a');
    expect(first.message.attachments).toEqual([PHOTO, VOICE]);

    const pulled = await pullChanges(db, ['a'], 0, 100);
    const messages = pulled.changes.flatMap((c) => (c.kind === 'message' ? [c.data] : []));
    expect(messages.map((m) => [m.body, m.attachments])).toEqual([['', [PHOTO, VOICE]]]);
    expect((await listMessages(db, first.conversationId)).map((m) => m.attachments)).toEqual([[PHOTO, VOICE]]);

    const again = await receiveInbound(db, request, NOW + 1000, 'a');
    expect(again.repeated).toBe(true);
    expect(again.message).toEqual(first.message);
  });

  it('leaves a message that came without media without attachments', async () => {
    const plain = await receiveInbound(db, { channel: 'sms', from: '+14155550198', body: 'Hello' }, NOW + 2000, 'a');
    expect(plain.message).not.toHaveProperty('attachments');
    expect((await listMessages(db, plain.conversationId))[0]).not.toHaveProperty('attachments');
  });
});
