import type { ChangeData } from '../../shared/sync/protocol';
import { hashPassword } from '../auth/password';
import { countUsers } from '../db/accounts';
import { lockChangeLog } from '../db/changes';
import { json } from '../db/sql';
import { analyzeDatabase } from '../db/statistics';
import type { Sql } from '../db/sql';
import type { DemoData } from './generate';
import { DEMO_PASSWORD } from './generate';

const BATCH = 1000;
const ALREADY_LOADED = 'The database already has users; demo data is loaded only into an empty one.';

interface LoadResult {
  changes: number;
  ms: number;
}

/**
 * Writes a generated organisation and its change log in one transaction, with multi-row
 * inserts (one JSON parameter per batch). Refuses a database that already has users.
 */
export async function loadDemo(sql: Sql, data: DemoData, now: number = Date.now()): Promise<LoadResult> {
  const started = Date.now();
  if ((await countUsers(sql)) > 0) throw new Error(ALREADY_LOADED);
  const hashes = new Map<string, { salt: string; hash: string }>();
  for (const user of data.users) hashes.set(user.id, await hashPassword(DEMO_PASSWORD));

  const changes = await sql.transaction(async (tx) => {
    if ((await countUsers(tx)) > 0) throw new Error(ALREADY_LOADED);
    await lockChangeLog(tx);

    await insertRows(
      tx,
      // Creation order decides the default team for new inbound conversations: the first one.
      `insert into teams (id, name, created_at)
       select t->>'id', t->>'name', $2 + n from jsonb_array_elements($1::text::jsonb) with ordinality as e(t, n)`,
      data.teams,
      [now],
    );
    await insertRows(
      tx,
      `insert into users (id, name, email, role, password_salt, password_hash, created_at)
       select x.id, x.name, x.email, x.role, x.salt, x.hash, $2
       from jsonb_to_recordset($1::text::jsonb) as x(id text, name text, email text, role text, salt text, hash text)`,
      data.users.map((user) => ({ ...user, ...hashes.get(user.id) })),
      [now],
    );
    await insertRows(
      tx,
      `insert into team_members (team_id, user_id) select x.team_id, x.user_id from jsonb_to_recordset($1::text::jsonb) as x(team_id text, user_id text)`,
      data.users.flatMap((user) => user.teamIds.map((teamId) => ({ team_id: teamId, user_id: user.id }))),
    );
    await insertRows(
      tx,
      `insert into customers (id, name, email, created_at)
       select x.id, x.name, x.email, x."createdAt" from jsonb_to_recordset($1::text::jsonb) as x(id text, name text, email text, "createdAt" bigint)`,
      data.customers.map(({ identities: _identities, ...customer }) => customer),
    );
    await insertRows(
      tx,
      `insert into identities (id, customer_id, channel, value, display)
       select x.id, x."customerId", x.channel, x.value, x.display
       from jsonb_to_recordset($1::text::jsonb) as x(id text, "customerId" text, channel text, value text, display text)`,
      data.customers.flatMap((customer) => customer.identities),
    );
    await insertRows(
      tx,
      `insert into orders (id, customer_id, number, placed_at, doc)
       select d->>'id', d->>'customerId', d->>'number', (d->>'placedAt')::bigint, d from jsonb_array_elements($1::text::jsonb) as d`,
      data.orders,
    );
    await insertRows(
      tx,
      `insert into conversations (id, team_id, customer_id, channel, subject, status, assignee_id, created_at, last_message_at,
         last_message_preview, waiting_since, tags, snoozed_until)
       select x.id, x."teamId", x."customerId", x.channel, x.subject, x.status, x."assigneeId", x."createdAt", x."lastMessageAt",
         x."lastMessagePreview", x."waitingSince", x.tags, x."snoozedUntil"
       from jsonb_to_recordset($1::text::jsonb) as x(id text, "teamId" text, "customerId" text, channel text, subject text,
         status text, "assigneeId" text, "createdAt" bigint, "lastMessageAt" bigint, "lastMessagePreview" text, "waitingSince" bigint,
         tags jsonb, "snoozedUntil" bigint)`,
      data.conversations,
    );
    await insertRows(
      tx,
      `insert into messages (id, conversation_id, channel, direction, author_id, body, created_at, status, client_id)
       select x.id, x."conversationId", x.channel, x.direction, x."authorId", x.body, x."createdAt", x.status, x."clientId"
       from jsonb_to_recordset($1::text::jsonb) as x(id text, "conversationId" text, channel text, direction text,
         "authorId" text, body text, "createdAt" bigint, status text, "clientId" text)`,
      data.messages,
    );

    const log = changeLog(data);
    await insertRows(
      tx,
      `insert into changes (team_id, kind, entity_id, payload, created_at)
       select c->>'t', c->>'k', c->'p'->>'id', c->'p', $2
       from jsonb_array_elements($1::text::jsonb) with ordinality as e(c, n) order by n`,
      log,
      [now],
    );
    return log.length;
  });
  // Statistics for the bulk-loaded tables now, not whenever autovacuum (which PGlite lacks) gets to them.
  await analyzeDatabase(sql);
  return { changes, ms: Date.now() - started };
}

interface LogRow {
  t: string | null;
  k: ChangeData['kind'];
  p: ChangeData['data'];
}

/** Teams and users for everyone; each customer and its orders once per team it has conversations in. */
function changeLog(data: DemoData): LogRow[] {
  const rows: LogRow[] = [];
  for (const team of data.teams) rows.push({ t: null, k: 'team', p: team });
  for (const user of data.users) rows.push({ t: null, k: 'user', p: user });

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
      rows.push({ t: teamId, k: 'customer', p: customer });
      for (const order of ordersOf.get(customer.id) ?? []) rows.push({ t: teamId, k: 'order', p: order });
    }
  }
  const teamOf = new Map<string, string>();
  for (const conversation of data.conversations) {
    teamOf.set(conversation.id, conversation.teamId);
    rows.push({ t: conversation.teamId, k: 'conversation', p: conversation });
  }
  for (const message of data.messages)
    rows.push({ t: teamOf.get(message.conversationId) ?? null, k: 'message', p: message });
  return rows;
}

async function insertRows(
  tx: Sql,
  text: string,
  rows: readonly unknown[],
  extra: readonly unknown[] = [],
): Promise<void> {
  for (let at = 0; at < rows.length; at += BATCH) {
    await tx.query(text, [json(rows.slice(at, at + BATCH)), ...extra]);
  }
}
