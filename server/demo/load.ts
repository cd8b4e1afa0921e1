import { hashPassword } from '../auth/password';
import { countUsers } from '../db/accounts';
import { insertOrganisation } from '../db/bulk-load';
import type { BulkUser } from '../db/bulk-load';
import { lockChangeLog } from '../db/changes';
import type { NewChange } from '../db/changes';
import { analyzeDatabase } from '../db/statistics';
import type { Sql } from '../db/sql';
import type { DemoData } from './generate';
import { DEMO_PASSWORD } from './generate';

const ALREADY_LOADED = 'The database already has users; demo data is loaded only into an empty one.';

interface LoadResult {
  changes: number;
  ms: number;
}

/**
 * Writes a generated organisation and its change log in one transaction (`insertOrganisation`).
 * Refuses a database that already has users.
 */
export async function loadDemo(sql: Sql, data: DemoData, now: number = Date.now()): Promise<LoadResult> {
  const started = Date.now();
  if ((await countUsers(sql)) > 0) throw new Error(ALREADY_LOADED);
  // Hashed before the transaction: scrypt is slow on purpose, and the transaction holds the change-log lock.
  const users: BulkUser[] = [];
  for (const user of data.users) users.push({ ...user, password: await hashPassword(DEMO_PASSWORD) });

  const changes = await sql.transaction(async (tx) => {
    if ((await countUsers(tx)) > 0) throw new Error(ALREADY_LOADED);
    await lockChangeLog(tx);
    return insertOrganisation(tx, { ...data, users, changes: changeLog(data) }, now);
  });
  // Statistics for the bulk-loaded tables now, not whenever autovacuum (which PGlite lacks) gets to them.
  await analyzeDatabase(sql);
  return { changes, ms: Date.now() - started };
}

/** Teams and users for everyone; each customer and its orders once per team it has conversations in. */
function changeLog(data: DemoData): NewChange[] {
  const rows: NewChange[] = [];
  for (const team of data.teams) rows.push({ teamId: null, change: { kind: 'team', data: team } });
  // Demo users are stored active (the column's default), and travel so.
  for (const user of data.users) rows.push({ teamId: null, change: { kind: 'user', data: { ...user, active: true } } });

  const teamsOf = new Map<string, Set<string>>();
  for (const conversation of data.conversations) {
    let set = teamsOf.get(conversation.customerId);
    if (!set) teamsOf.set(conversation.customerId, (set = new Set()));
    set.add(conversation.teamId);
  }
  const ordersOf = new Map<string, DemoData['orders']>();
  for (const order of data.orders) {
    const list = ordersOf.get(order.customerId);
    if (list) list.push(order);
    else ordersOf.set(order.customerId, [order]);
  }
  for (const customer of data.customers) {
    for (const teamId of [...(teamsOf.get(customer.id) ?? [])].sort()) {
      rows.push({ teamId, change: { kind: 'customer', data: customer } });
      for (const order of ordersOf.get(customer.id) ?? [])
        rows.push({ teamId, change: { kind: 'order', data: order } });
    }
  }
  const teamOf = new Map<string, string>();
  for (const conversation of data.conversations) {
    teamOf.set(conversation.id, conversation.teamId);
    rows.push({ teamId: conversation.teamId, change: { kind: 'conversation', data: conversation } });
  }
  for (const message of data.messages)
    rows.push({ teamId: teamOf.get(message.conversationId) ?? null, change: { kind: 'message', data: message } });
  return rows;
}
