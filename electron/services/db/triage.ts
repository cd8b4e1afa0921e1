// Triage in the inbox: each conversation carries the intent and sentiment of its latest inbound
// message and an urgency, so the list shows, filters and sorts by them. Inbound messages queue
// their conversation (triage_queue, migration 017); `triageQueued` reads a batch at a time.
import type { Order } from '../../../shared/domain';
import { triage } from '../../../shared/triage';
import { hasLateOrder, urgencyOf } from '../../../shared/triage/urgency';
import type { Db } from './open';
import { prepared } from './statements';

export { hasLateOrder, urgencyOf } from '../../../shared/triage/urgency';

/** Marks the conversation for triage: its latest inbound message may have changed. */
export function queueTriage(db: Db, conversationId: string): void {
  prepared(db, 'INSERT OR IGNORE INTO triage_queue (conversation_id) VALUES (?)').run(conversationId);
}

/**
 * Triages up to `limit` queued conversations in one transaction and answers their ids. A queued
 * conversation no longer cached (revoked, deleted) just leaves the queue.
 */
export function triageQueued(db: Db, now: number, limit = 200): string[] {
  return db.transaction(() => {
    const ids = (
      prepared(db, 'SELECT conversation_id FROM triage_queue LIMIT ?').all(limit) as { conversation_id: string }[]
    ).map((row) => row.conversation_id);
    const triaged: string[] = [];
    for (const id of ids) {
      prepared(db, 'DELETE FROM triage_queue WHERE conversation_id = ?').run(id);
      const row = prepared(
        db,
        `SELECT c.customer_id, (SELECT m.body FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound'
            ORDER BY m.created_at DESC, m.seq DESC LIMIT 1) AS body
         FROM conversations c WHERE c.id = ?`,
      ).get(id) as { customer_id: string; body: string | null } | undefined;
      if (!row || row.body === null) continue;
      const read = triage(row.body);
      const orders = (
        prepared(db, 'SELECT doc FROM orders WHERE customer_id = ?').all(row.customer_id) as { doc: string }[]
      ).map((order) => JSON.parse(order.doc) as Order);
      prepared(db, 'UPDATE conversations SET intent = ?, sentiment = ?, urgency = ? WHERE id = ?').run(
        read.intent,
        read.sentiment,
        urgencyOf(read.sentiment, hasLateOrder(orders, now)),
        id,
      );
      triaged.push(id);
    }
    return triaged;
  })();
}

/** Marks the customer's open and pending conversations for triage: an order of theirs changed. */
export function queueTriageOfCustomer(db: Db, customerId: string): void {
  prepared(
    db,
    `INSERT OR IGNORE INTO triage_queue (conversation_id)
     SELECT id FROM conversations WHERE customer_id = ? AND status IN ('open', 'pending')`,
  ).run(customerId);
}

/**
 * Marks for triage each waiting conversation whose customer's orders became late since it was
 * triaged (an estimate passed without a delivery), or stopped being late: time alone changes
 * urgency. Answers how many it marked.
 */
export function queueLatenessChanges(db: Db, now: number): number {
  const rows = prepared(
    db,
    `SELECT c.id, c.urgency, o.doc FROM conversations c JOIN orders o ON o.customer_id = c.customer_id
     WHERE c.status IN ('open', 'pending') AND c.waiting_since IS NOT NULL AND c.intent IS NOT NULL`,
  ).all() as { id: string; urgency: number; doc: string }[];
  const byConversation = new Map<string, { urgency: number; orders: Order[] }>();
  for (const row of rows) {
    const entry = byConversation.get(row.id) ?? { urgency: row.urgency, orders: [] };
    entry.orders.push(JSON.parse(row.doc) as Order);
    byConversation.set(row.id, entry);
  }
  let marked = 0;
  for (const [id, { urgency, orders }] of byConversation) {
    // Urgency's odd part is the late order (urgencyOf).
    if (hasLateOrder(orders, now) === (urgency % 2 === 1)) continue;
    queueTriage(db, id);
    marked++;
  }
  return marked;
}

/** How many conversations wait for triage. */
export function triageBacklog(db: Db): number {
  return (prepared(db, 'SELECT count(*) AS n FROM triage_queue').get() as { n: number }).n;
}
