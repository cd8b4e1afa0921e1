import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/domain/entities';
import { hashPassword } from '../auth/password';
import { createTeam, createUser } from '../db/accounts';
import { insertConversation } from '../db/conversations';
import { getCustomer, insertCustomer } from '../db/customers';
import type { Database } from '../db/sql';
import { openSmsConversation, testBackends } from '../db/testing';
import type { TestDatabase } from '../db/testing';
import { applyAction } from './actions/apply';
import { receiveInbound } from './inbound';

const NOW = 1_800_000_000_000;
const ROUNDS = 20;
const MESSAGES_PER_ROUND = 8;

// A race needs two transactions at once: PGlite runs one at a time, so only PostgreSQL can race.
const postgres = testBackends.filter((backend) => backend.kind === 'postgres');

describe.skipIf(postgres.length === 0).each(postgres)('inbound racing a link on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;
  let lead: User;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    lead = await createUser(
      db,
      {
        id: 'lena',
        name: 'Lena',
        email: 'lena@example.com',
        role: 'lead',
        teamIds: ['a'],
        password: await hashPassword('pw'),
      },
      NOW,
    );
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  /** A customer known by one phone number, with an open SMS conversation in team a. */
  async function customerWithConversation(id: string, phone: string): Promise<string> {
    await db.transaction((tx) =>
      insertCustomer(tx, {
        id,
        name: `Customer ${id}`,
        email: null,
        createdAt: NOW,
        identities: [{ id: `${id}-sms`, customerId: id, channel: 'sms', value: phone, display: phone }],
      }),
    );
    const conversationId = `conv-${id}`;
    await insertConversation(db, openSmsConversation({ id: conversationId, teamId: 'a', customerId: id }, NOW), NOW);
    return conversationId;
  }

  it('stores every message for the linked customer while a link moves the sender: no failure, nothing lost', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const phone = `+1415555${String(1000 + round)}`;
      const source = await customerWithConversation(`source-${round}`, phone);
      await customerWithConversation(`target-${round}`, `+1628555${String(1000 + round)}`);
      const bodies = Array.from({ length: MESSAGES_PER_ROUND }, (_, i) => `round ${round} message ${i}`);
      const link = applyAction(
        db,
        lead,
        {
          id: `link-action-${String(round).padStart(4, '0')}`,
          action: { type: 'link', conversationId: source, seenAssigneeId: null, customerId: `target-${round}` },
        },
        NOW + 1000 * round,
      );
      // Started after the link, so they queue for the pool's connections behind it and read the
      // sender's identity while the link is moving it.
      const inbound = bodies.map((body, i) =>
        receiveInbound(db, { channel: 'sms', from: phone, body }, NOW + 1000 * round + i, undefined, ['a']),
      );
      const settled = await Promise.allSettled([link, ...inbound]);
      expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);

      // The sender now belongs to the target, which holds every message; the source is gone.
      expect(await getCustomer(db, `source-${round}`)).toBeNull();
      expect((await getCustomer(db, `target-${round}`))?.identities.map((identity) => identity.value)).toContain(phone);
      const stored = await db.query<{ body: string; customer_id: string }>(
        `select m.body, c.customer_id from messages m join conversations c on c.id = m.conversation_id
         where m.body like $1 order by m.body`,
        [`round ${round} message %`],
      );
      expect(stored).toEqual(bodies.map((body) => ({ body, customer_id: `target-${round}` })));
    }
  });
});
