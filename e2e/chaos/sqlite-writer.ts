// An engine-like process for sqlite-kill.test.ts: opens the cache as the engine does and queues
// rep actions as fast as it can, printing each action id only after its transaction committed.
// Usage: sqlite-writer.ts <cache file> <id prefix>; prints `loaded`, waits for a line on stdin
// (so it can be spawned ahead of time, while another writer still has the file), then `open`
// and one id per committed outbox entry, until it is killed.
import type { Conversation } from '../../shared/domain';
import type { Action } from '../../shared/sync';
import { storeServerConversation } from '../../electron/services/db/conversation-state';
import { openCache } from '../../electron/services/db/open';
import type { Db } from '../../electron/services/db/open';
import { enqueueAction } from '../../electron/services/db/outbox';
import { createRandom, hashSeed } from '../../scripts/chaos/random';
import type { Random } from '../../scripts/chaos/random';

const [file, prefix] = process.argv.slice(2);
if (!file || !prefix) throw new Error('usage: sqlite-writer.ts <cache file> <id prefix>');

const CONVERSATIONS = 100;
const conversationId = (n: number) => `conv-${String(n).padStart(6, '0')}`;

/** The server's copies the actions apply to: with them, every entry also rewrites a conversation row and the totals. */
function seedConversations(db: Db): void {
  db.transaction(() => {
    if ((db.prepare('SELECT count(*) FROM conversations').pluck().get() as number) > 0) return;
    for (let n = 0; n < CONVERSATIONS; n++) {
      const conversation: Conversation = {
        id: conversationId(n),
        teamId: 'team-orders',
        customerId: `cus-${n}`,
        channel: 'sms',
        subject: null,
        status: 'open',
        assigneeId: null,
        createdAt: 1_700_000_000_000,
        lastMessageAt: 1_700_000_000_000,
        lastMessagePreview: 'Where is my order?',
        waitingSince: null,
        tags: [],
        snoozedUntil: null,
      };
      storeServerConversation(db, conversation, n + 1, false);
    }
  })();
}

/** One outbox entry and its local effect, committed (synchronous=FULL) when this returns. */
function enqueue(db: Db, random: Random, id: string): void {
  const target = conversationId(random.int(0, CONVERSATIONS - 1));
  const now = Date.now();
  const kind = random.next();
  if (kind < 0.5) {
    // Mostly short bodies, now and then one of several pages, so that kills land inside
    // multi-page writes too without the file growing so fast that checking it dominates.
    const body = `${id} ${'x'.repeat(random.next() < 0.1 ? random.int(4_000, 9_500) : random.int(1, 400))}`;
    const action: Action = { type: 'reply', conversationId: target, seenAssigneeId: null, body };
    const message = {
      id: `local-${id}`,
      conversationId: target,
      channel: 'sms' as const,
      direction: 'outbound' as const,
      authorId: 'user-rep01',
      body,
      createdAt: now,
      status: 'pending' as const,
      clientId: id,
    };
    enqueueAction(db, { id, action, createdAt: now, local: { message } });
    return;
  }
  if (kind < 0.65) {
    const body = `${id} checked with the warehouse`;
    const action: Action = { type: 'note', conversationId: target, seenAssigneeId: null, body };
    const note = {
      id: `local-${id}`,
      conversationId: target,
      authorId: 'user-rep01',
      body,
      createdAt: now,
      clientId: id,
    };
    enqueueAction(db, { id, action, createdAt: now, local: { note } });
    return;
  }
  const action: Action =
    kind < 0.85
      ? {
          type: 'tag',
          conversationId: target,
          seenAssigneeId: null,
          tag: `t${random.int(0, 4)}`,
          on: random.next() < 0.6,
        }
      : {
          type: 'status',
          conversationId: target,
          seenAssigneeId: null,
          status: random.next() < 0.5 ? 'closed' : 'open',
        };
  enqueueAction(db, { id, action, createdAt: now });
}

function write(): never {
  const db = openCache(file as string);
  seedConversations(db);
  // process.stdout is synchronous on a pipe (Linux): once write() returns, the line is the parent's.
  process.stdout.write('open\n');
  const random = createRandom(hashSeed(prefix as string));
  for (let n = 0; ; n++) {
    const id = `${prefix}-${n}`;
    enqueue(db, random, id);
    process.stdout.write(`${id}\n`);
  }
}

process.stdin.once('data', () => write());
process.stdout.write('loaded\n');
