import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain/entities';
import { createTeam } from './accounts';
import { insertChannelAccount } from './channel-accounts';
import { insertConversation } from './conversations';
import { findIdentityLockingCustomer, insertCustomer, lockCustomer } from './customers';
import { readUnderSenderLock } from './inbound-reads';
import type { SenderLockRead } from './inbound-reads';
import { insertMessage } from './messages';
import type { Database, Sql } from './sql';
import { openSmsConversation, smsCustomer, testBackends } from './testing';
import type { TestDatabase } from './testing';

const NOW = 1_800_000_000_000;
const PHONE = { kind: 'phone', value: '+14155550101' } as const;
const PHOTO = { url: null, providerMediaId: 'media-1', contentType: 'image/png', size: null, filename: null };

const STORED: Message = {
  id: 'm1',
  conversationId: 'conv',
  channel: 'sms',
  direction: 'inbound',
  authorId: null,
  body: 'Where is my parcel?',
  createdAt: NOW,
  status: 'received',
  clientId: null,
};

describe.each(testBackends)('inbound reads on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await insertCustomer(db, smsCustomer('c1', PHONE.value, NOW));
    await createTeam(db, { id: 'b', name: 'Team B' }, NOW);
    await insertConversation(db, openSmsConversation({ id: 'conv', teamId: 'a', customerId: 'c1' }, NOW), NOW);
    await insertConversation(
      db,
      openSmsConversation({ id: 'conv-b', teamId: 'b', customerId: 'c1', lastMessageAt: NOW + 10 }, NOW),
      NOW,
    );
    await insertChannelAccount(
      db,
      { id: 'acct', channel: 'email', account: 'Help@Brand.example', displayName: 'Help', teamId: 'a' },
      NOW,
    );
    const details = {
      account: '+1',
      identityId: null,
      kind: 'direct' as const,
      sentAt: null,
      subject: null,
      thread: {},
      media: [PHOTO],
    };
    await db.transaction((tx) => insertMessage(tx, STORED, 'a', 'SM1', details));
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  /** This transaction's customer locks (lockCustomer's key space), one row per distinct key. */
  const customerLocks = async (tx: Sql) =>
    (
      await tx.query<{ n: number }>(
        `select count(*)::int as n from pg_locks
         where locktype = 'advisory' and classid = 44800 and objsubid = 2 and pid = pg_backend_pid()`,
      )
    )[0]?.n;

  it('finds the identity and holds the lock lockCustomer takes for its customer', async () => {
    await db.transaction(async (tx) => {
      expect(await findIdentityLockingCustomer(tx, PHONE)).toMatchObject({ customerId: 'c1', value: PHONE.value });
      expect(await customerLocks(tx)).toBe(1);
      // The same key: taking lockCustomer's lock again adds no other lock.
      await lockCustomer(tx, 'c1');
      expect(await customerLocks(tx)).toBe(1);
    });
  });

  it('locks nothing for an unknown sender', async () => {
    await db.transaction(async (tx) => {
      expect(await findIdentityLockingCustomer(tx, { kind: 'phone', value: '+14155550999' })).toBeNull();
      expect(await customerLocks(tx)).toBe(0);
    });
  });

  const read = (fields: Partial<SenderLockRead>): SenderLockRead => ({
    key: PHONE,
    customerId: 'c1',
    channel: 'sms',
    providerMessageId: null,
    account: null,
    teamIds: undefined,
    ...fields,
  });

  it('reads the identity, an earlier delivery with its media and the channel account in one go', async () => {
    const first = await readUnderSenderLock(db, read({ providerMessageId: 'SM1' }));
    expect(first.identity).toMatchObject({ id: 'c1-sms', customerId: 'c1', kind: 'phone', linkedAt: NOW });
    expect(first.earlier).toEqual({ ...STORED, attachments: [PHOTO] });
    expect(first.channelAccount).toBeNull();
    // An earlier delivery is answered as it is: no conversation is read (or locked) for it.
    expect(first.latest).toBeNull();
    // Email accounts match whatever their case; provider message ids are per channel.
    const email = await readUnderSenderLock(
      db,
      read({ channel: 'email', providerMessageId: 'SM1', account: ' help@brand.EXAMPLE ' }),
    );
    expect(email.earlier).toBeNull();
    expect(email.channelAccount).toEqual({
      id: 'acct',
      channel: 'email',
      account: 'help@brand.example',
      displayName: 'Help',
      teamId: 'a',
    });
  });

  it("reads the customer's latest conversation on the channel in the caller's teams, and locks it", async () => {
    expect((await readUnderSenderLock(db, read({}))).latest?.id).toBe('conv-b');
    expect((await readUnderSenderLock(db, read({ teamIds: ['a'] }))).latest).toMatchObject({
      id: 'conv',
      teamId: 'a',
      customerId: 'c1',
      lastMessageAt: NOW,
      tags: [],
    });
    expect((await readUnderSenderLock(db, read({ channel: 'email' }))).latest).toBeNull();
    if (backend.kind !== 'postgres') return;
    // Another connection cannot take the row until the transaction ends.
    await db.transaction(async (tx) => {
      await readUnderSenderLock(tx, read({ teamIds: ['a'] }));
      await expect(db.query("select id from conversations where id = 'conv' for update nowait")).rejects.toThrow();
    });
  });

  it('reads nothing for what is unknown or not given', async () => {
    expect(
      await readUnderSenderLock(db, read({ key: { kind: 'email', value: 'nobody@mail.example' }, customerId: 'none' })),
    ).toEqual({ identity: null, earlier: null, channelAccount: null, latest: null });
    expect(
      (await readUnderSenderLock(db, read({ providerMessageId: 'SM-unknown', account: 'unknown' }))).earlier,
    ).toBeNull();
  });
});
