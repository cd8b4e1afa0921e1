// The audit log's lookup over a real socket.io connection: a lead reads a conversation's history,
// filtered; a rep is refused.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/domain';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { connectSocketIo } from '../../electron/services/sync/socket';
import type { SyncSocket } from '../../electron/services/sync/socket';
import { findUserByEmail } from '../../server/db/accounts';
import { insertConversation } from '../../server/db/conversations';
import { insertCustomer } from '../../server/db/customers';
import { openSmsConversation } from '../../server/db/testing';
import { DEMO_TEAMS } from '../../server/demo/generate';
import { applyAction } from '../../server/services/actions/apply';
import { startTestServer } from '../../server/testing';
import type { TestServer } from '../../server/testing';
import { createCleanups, LEAD, REP } from './support';

let server: TestServer;
const cleanups = createCleanups();
const now = Date.now();

beforeAll(async () => {
  server = await startTestServer({ demoConversations: 0 });
  await server.sql.transaction((tx) =>
    insertCustomer(tx, { id: 'cust-audit', name: 'Harriet Ashdown', email: null, createdAt: 1, identities: [] }),
  );
  await insertConversation(
    server.sql,
    openSmsConversation({ id: 'conv-audit', teamId: DEMO_TEAMS.orders.id, customerId: 'cust-audit' }, now),
    now,
  );
});
afterAll(() => server.close());
afterEach(cleanups.run);

/** A bare socket signed in as `email`, for lookups the app does not expose yet. */
async function socketAs(email: string): Promise<SyncSocket> {
  const { token } = await server.signIn(email);
  const socket = connectSocketIo(server.url, { auth: { token, protocol: SYNC_PROTOCOL_VERSION } });
  cleanups.add(() => socket.close());
  await new Promise<void>((resolve) => {
    socket.onConnect(resolve);
    socket.connect();
  });
  return socket;
}

async function userFor(email: string): Promise<User> {
  const found = await findUserByEmail(server.sql, email);
  if (!found) throw new Error(`no user ${email}`);
  return found.user;
}

describe('audit lookup', () => {
  it('lists a conversation’s history newest first for a lead, filtered by user, and refuses a rep', async () => {
    const lead = await userFor(LEAD);
    await applyAction(
      server.sql,
      lead,
      {
        id: 'audit-e2e-assign',
        action: { type: 'assign', conversationId: 'conv-audit', seenAssigneeId: null, assigneeId: lead.id },
      },
      now,
    );
    const entity = { kind: 'conversation', id: 'conv-audit' };
    const leadSocket = await socketAs(LEAD);
    const history = await leadSocket.request('lookup:audit', { entity, limit: 10 }, 5_000);
    expect(history).toEqual({
      ok: true,
      value: {
        entries: [
          expect.objectContaining({
            actor: lead.id,
            type: 'assign',
            before: { assigneeId: null },
            after: { assigneeId: lead.id },
            actionId: 'audit-e2e-assign',
          }),
          expect.objectContaining({ actor: 'system', type: 'conversation_created', before: null }),
        ],
        next: null,
      },
    });
    const byLead = await leadSocket.request('lookup:audit', { entity, actor: lead.id, limit: 10 }, 5_000);
    expect(byLead).toMatchObject({ ok: true, value: { entries: [{ actionId: 'audit-e2e-assign' }], next: null } });
    expect(await leadSocket.request('lookup:audit', { entity, from: 10, to: 1 }, 5_000)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    const repSocket = await socketAs(REP);
    expect(await repSocket.request('lookup:audit', { entity }, 5_000)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only team leads and admins may read the audit log.' },
    });
  });
});
