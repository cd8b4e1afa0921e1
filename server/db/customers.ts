import type { Channel } from '../../shared/domain/channels';
import { LINKED_BY, ORDER_SOURCES } from '../../shared/domain/entities';
import type { Conversation, Customer, Identity, Order } from '../../shared/domain/entities';
import { kindOfChannel, normalizeEmail } from '../../shared/domain/identity';
import type { IdentityKey, IdentityKind } from '../../shared/domain/identity';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { appendChanges } from './changes';
import type { AppendedChanges, NewChange } from './changes';
import { getConversation } from './conversations';
import { json, num } from './sql';
import type { Sql } from './sql';

/**
 * Customers and their orders are visible to a team once the customer has a conversation in
 * that team, so their change rows carry that team's id (one row per team).
 */

interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  created_at: string | number;
  identities: Array<Omit<Identity, 'linkedAt'> & { linkedAt: string | number }> | null;
}

/** A customer's email is their first email identity (by link time): the identities are its only record. */
const CUSTOMER_SELECT = `select c.id, c.name, c.created_at,
  (select e.value from identities e where e.customer_id = c.id and e.kind = 'email'
   order by e.linked_at, e.id limit 1) as email,
  (select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'customerId', i.customer_id, 'channel', i.channel,
     'value', i.value, 'display', i.display, 'kind', i.kind, 'linkedBy', i.linked_by, 'linkedAt', i.linked_at,
     'evidence', i.evidence) order by i.id), '[]'::jsonb)
   from identities i where i.customer_id = c.id) as identities
  from customers c`;

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    createdAt: num(row.created_at),
    identities: (row.identities ?? []).map((identity) => ({ ...identity, linkedAt: num(identity.linkedAt) })),
  };
}

export async function getCustomer(sql: Sql, id: string): Promise<Customer | null> {
  const rows = await sql.query<CustomerRow>(`${CUSTOMER_SELECT} where c.id = $1`, [id]);
  return rows[0] ? toCustomer(rows[0]) : null;
}

export interface IdentityRow {
  id: string;
  customer_id: string;
  kind: IdentityKind;
  channel: Channel;
  value: string;
  display: string;
  linked_by: string;
  linked_at: string | number;
  evidence: string;
}

export const IDENTITY_COLUMNS = 'id, customer_id, kind, channel, value, display, linked_by, linked_at, evidence';

export function toIdentity(row: IdentityRow): StoredIdentity {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind,
    channel: row.channel,
    value: row.value,
    display: row.display,
    linkedBy: row.linked_by,
    linkedAt: num(row.linked_at),
    evidence: row.evidence,
  };
}

/** An identity as the server stores it: how it was linked is always known. */
export type StoredIdentity = Required<Identity>;

/** The identity with exactly this key (never a handle: see identity.ts). */
export async function findIdentity(sql: Sql, key: IdentityKey): Promise<StoredIdentity | null> {
  const rows = await sql.query<IdentityRow>(
    `select ${IDENTITY_COLUMNS} from identities where kind = $1 and value = $2`,
    [key.kind, key.value],
  );
  return rows[0] ? toIdentity(rows[0]) : null;
}

/**
 * The identity with exactly this key, and its customer locked as `lockCustomer` locks it, in one
 * statement. The row was read before the lock was granted: a link holding the lock meanwhile may
 * have moved the identity, so the caller reads it again under the lock.
 */
export async function findIdentityLockingCustomer(tx: Sql, key: IdentityKey): Promise<StoredIdentity | null> {
  const rows = await tx.query<IdentityRow>(
    `select ${IDENTITY_COLUMNS}, pg_advisory_xact_lock($3, hashtext(customer_id)) as locked
     from identities where kind = $1 and value = $2`,
    [key.kind, key.value, CUSTOMER_LOCK_SPACE],
  );
  return rows[0] ? toIdentity(rows[0]) : null;
}

/** The person's current handle, shown for a provider id; the key stays. */
export async function updateIdentityDisplay(sql: Sql, id: string, display: string): Promise<void> {
  await sql.query('update identities set display = $2 where id = $1', [id, display]);
}

/**
 * An identity as stored, filling in what an identity written before kinds lacks: its kind from its
 * channel, linked by `import` when the customer was created.
 */
export function storableIdentity(identity: Identity, customer: Customer): StoredIdentity {
  return {
    ...identity,
    kind: identity.kind ?? kindOfChannel(identity.channel),
    linkedBy: identity.linkedBy ?? LINKED_BY.import,
    linkedAt: identity.linkedAt ?? customer.createdAt,
    evidence: identity.evidence ?? '',
  };
}

/**
 * Inserts a customer and its identities. `customer.email`, when no email identity holds it, becomes
 * one (linked by `import`): identities are the only record of an address. A customer without
 * conversations is in no team: no change rows yet.
 */
export async function insertCustomer(tx: Sql, customer: Customer): Promise<void> {
  await tx.query('insert into customers (id, name, created_at) values ($1, $2, $3)', [
    customer.id,
    customer.name,
    customer.createdAt,
  ]);
  const identities = customer.identities.map((identity) => storableIdentity(identity, customer));
  const email = customer.email === null ? null : normalizeEmail(customer.email);
  if (email && !identities.some((identity) => identity.kind === 'email' && identity.value === email)) {
    identities.push({
      id: `email-${customer.id}`,
      customerId: customer.id,
      kind: 'email',
      channel: 'email',
      value: email,
      display: customer.email ?? email,
      linkedBy: LINKED_BY.import,
      linkedAt: customer.createdAt,
      evidence: 'The email address the customer record was created with.',
    });
  }
  if (identities.length > 0) {
    await tx.query(
      `insert into identities (${IDENTITY_COLUMNS})
       select x.id, x."customerId", x.kind, x.channel, x.value, x.display, x."linkedBy", x."linkedAt", x.evidence
       from jsonb_to_recordset($1::text::jsonb) as x(id text, "customerId" text, kind text, channel text, value text,
         display text, "linkedBy" text, "linkedAt" bigint, evidence text)`,
      [json(identities)],
    );
  }
}

/**
 * Inserts a customer known by one identity, unless a concurrent writer stored that identity first:
 * then this customer is dropped again and the winner's customer id is returned. Resolves to the
 * id of the customer who owns the identity.
 */
export async function insertCustomerForIdentity(
  tx: Sql,
  customer: Customer,
  identity: StoredIdentity,
): Promise<string> {
  // One statement writes both (the identity's foreign key is checked at its end). It waits for a
  // concurrent insert of the same identity, then writes no identity if that one committed.
  const rows = await tx.query<{ customer_id: string }>(
    `with customer as (insert into customers (id, name, created_at) values ($2, $10, $11))
     insert into identities (${IDENTITY_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (kind, value) do nothing returning customer_id`,
    [...identityParams({ ...identity, customerId: customer.id }), customer.name, customer.createdAt],
  );
  if (rows[0]) return rows[0].customer_id;
  await tx.query('delete from customers where id = $1', [customer.id]);
  const winner = await findIdentity(tx, identity);
  if (!winner) throw new Error(`identity ${identity.kind}:${identity.value} conflicted but cannot be found`);
  return winner.customerId;
}

/**
 * Adds an identity to an existing customer, unless a concurrent writer stored that identity first.
 * Resolves to the id of the customer who owns the identity.
 */
export async function insertIdentityFor(tx: Sql, identity: StoredIdentity): Promise<string> {
  const rows = await tx.query<{ customer_id: string }>(
    `insert into identities (${IDENTITY_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (kind, value) do nothing returning customer_id`,
    identityParams(identity),
  );
  if (rows[0]) return rows[0].customer_id;
  const winner = await findIdentity(tx, identity);
  if (!winner) throw new Error(`identity ${identity.kind}:${identity.value} conflicted but cannot be found`);
  return winner.customerId;
}

function identityParams(identity: StoredIdentity): unknown[] {
  return [
    identity.id,
    identity.customerId,
    identity.kind,
    identity.channel,
    identity.value,
    identity.display,
    identity.linkedBy,
    identity.linkedAt,
    identity.evidence,
  ];
}

/**
 * Serialises inbound writers per customer until the transaction ends (two-key advisory lock, a
 * key space apart from the single-key change log and migration locks). Taken before any row lock.
 */
export async function lockCustomer(tx: Sql, customerId: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [CUSTOMER_LOCK_SPACE, customerId]);
}

const CUSTOMER_LOCK_SPACE = 44_800;

/** The teams that see a customer now (one per team with a conversation of it). */
export async function customerTeamIds(sql: Sql, customerId: string): Promise<string[]> {
  const rows = await sql.query<{ team_id: string }>(
    'select distinct team_id from conversations where customer_id = $1 order by team_id',
    [customerId],
  );
  return rows.map((row) => row.team_id);
}

export async function listOrders(sql: Sql, customerId: string): Promise<Order[]> {
  const rows = await sql.query<{ doc: Order }>('select doc from orders where customer_id = $1 order by placed_at, id', [
    customerId,
  ]);
  return rows.map((row) => row.doc);
}

/** Inserts or replaces an order and tells every team that sees its customer. */
export async function upsertOrder(sql: Sql, order: Order, now: number): Promise<AppendedChanges> {
  return sql.transaction(async (tx) => {
    await storeOrder(tx, order);
    return appendChanges(tx, await orderChanges(tx, order), now, { actor: SYSTEM_ACTOR, type: 'order_synced' });
  });
}

/** Inserts or replaces an order's row (its changes are the caller's to append: `orderChanges`). */
export async function storeOrder(sql: Sql, order: Order): Promise<void> {
  await sql.query(
    `insert into orders (id, customer_id, number, placed_at, doc, source) values ($1, $2, $3, $4, $5::text::jsonb, $6)
     on conflict (id) do update set customer_id = excluded.customer_id, number = excluded.number,
       placed_at = excluded.placed_at, doc = excluded.doc, source = excluded.source`,
    [order.id, order.customerId, order.number, order.placedAt, json(order), order.source ?? ORDER_SOURCES.caredesk],
  );
}

/** The change rows that send an order to every team that sees its customer. */
export async function orderChanges(sql: Sql, order: Order): Promise<NewChange[]> {
  return (await customerTeamIds(sql, order.customerId)).map((teamId) => ({
    teamId,
    change: { kind: 'order', data: order },
  }));
}

/**
 * The change rows that send a customer again (a new handle, a new identity) to every team that
 * sees it, or with `holders` to every team whose engines may hold it (`customerHeldByTeams`): a
 * customer that lost its last conversation of a team still holds its place in that team's engines.
 */
export async function customerUpdates(sql: Sql, customerId: string, holders = false): Promise<NewChange[]> {
  const customer = await getCustomer(sql, customerId);
  if (!customer) throw new Error(`customer ${customerId} not found`);
  const teamIds = holders ? await customerHeldByTeams(sql, customerId) : await customerTeamIds(sql, customerId);
  return teamIds.map((teamId) => ({ teamId, change: { kind: 'customer', data: customer } }));
}

/** The change rows that make a customer and all its orders visible to one more team. */
export async function customerChangesForTeam(sql: Sql, customerId: string, teamId: string): Promise<NewChange[]> {
  return customerAndOrdersFor(sql, customerId, teamId, false);
}

/**
 * The change rows that make a customer and all its orders visible to `teamId`, unless the team sees
 * them already (it has a conversation of the customer): none then. Call before the team's first
 * conversation of the customer is written.
 */
export async function customerChangesForNewTeam(sql: Sql, customerId: string, teamId: string): Promise<NewChange[]> {
  return customerAndOrdersFor(sql, customerId, teamId, true);
}

/** The customer and its orders (oldest first) in one statement; with `unlessSeen`, nothing for a team that sees them. */
async function customerAndOrdersFor(
  sql: Sql,
  customerId: string,
  teamId: string,
  unlessSeen: boolean,
): Promise<NewChange[]> {
  const rows = await sql.query<{ customer: CustomerRow | null; orders: Order[] }>(
    `select (select to_jsonb(c) from (${CUSTOMER_SELECT} where c.id = $1) c) as customer,
       (select coalesce(jsonb_agg(o.doc order by o.placed_at, o.id), '[]'::jsonb)
        from orders o where o.customer_id = $1) as orders
     ${unlessSeen ? 'where not exists (select 1 from conversations where customer_id = $1 and team_id = $2)' : ''}`,
    unlessSeen ? [customerId, teamId] : [customerId],
  );
  const row = rows[0];
  if (!row) return [];
  if (!row.customer) throw new Error(`customer ${customerId} not found`);
  return [
    { teamId, change: { kind: 'customer', data: toCustomer(row.customer) } },
    ...row.orders.map((order): NewChange => ({ teamId, change: { kind: 'order', data: order } })),
  ];
}

interface MovedCustomer {
  /** Exactly what moved, as it was before (the merge record keeps it for an undo). */
  snapshot: CustomerSnapshot;
  /** Every team that sees the target customer now. */
  teamIds: string[];
  /** Every team whose engines may hold the deleted source customer. */
  sourceTeamIds: string[];
  /** The source's conversations, now pointing at the target (locked until the transaction ends). */
  conversations: Conversation[];
}

/** Who moved identities to another customer, when, and on what grounds. */
export interface IdentityLink {
  linkedBy: string;
  linkedAt: number;
  evidence: string;
}

/**
 * Moves every identity, order and conversation of `sourceId` to `targetId` and deletes the source.
 * The moved identities record `link` as how they came to the target.
 */
export async function moveCustomer(
  tx: Sql,
  sourceId: string,
  targetId: string,
  link: IdentityLink,
): Promise<MovedCustomer> {
  const snapshot = await snapshotCustomer(tx, sourceId);
  const sourceTeamIds = await customerHeldByTeams(tx, sourceId);
  await tx.query(
    'update identities set customer_id = $2, linked_by = $3, linked_at = $4, evidence = $5 where customer_id = $1',
    [sourceId, targetId, link.linkedBy, link.linkedAt, link.evidence],
  );
  await tx.query(
    `update orders set customer_id = $2, doc = jsonb_set(doc, '{customerId}', to_jsonb($2::text)) where customer_id = $1`,
    [sourceId, targetId],
  );
  const ids = await tx.query<{ id: string }>(
    'update conversations set customer_id = $2 where customer_id = $1 returning id',
    [sourceId, targetId],
  );
  await tx.query('delete from customers where id = $1', [sourceId]);
  const conversations: Conversation[] = [];
  for (const { id } of ids) {
    const moved = await getConversation(tx, id);
    if (moved) conversations.push(moved);
  }
  return { snapshot, teamIds: await customerTeamIds(tx, targetId), sourceTeamIds, conversations };
}

/** A customer's own row, each of its identities' rows, and the ids of its orders and conversations. */
export interface CustomerSnapshot {
  customer: { id: string; name: string; createdAt: number };
  identities: StoredIdentity[];
  orderIds: string[];
  conversationIds: string[];
}

async function snapshotCustomer(sql: Sql, customerId: string): Promise<CustomerSnapshot> {
  const customers = await sql.query<{ id: string; name: string; created_at: string | number }>(
    'select id, name, created_at from customers where id = $1',
    [customerId],
  );
  const row = customers[0];
  if (!row) throw new Error(`customer ${customerId} not found`);
  const identities = await sql.query<IdentityRow>(
    `select ${IDENTITY_COLUMNS} from identities where customer_id = $1 order by id`,
    [customerId],
  );
  const ids = (table: string) =>
    sql.query<{ id: string }>(`select id from ${table} where customer_id = $1 order by id`, [customerId]);
  return {
    customer: { id: row.id, name: row.name, createdAt: num(row.created_at) },
    identities: identities.map(toIdentity),
    orderIds: (await ids('orders')).map((order) => order.id),
    conversationIds: (await ids('conversations')).map((conversation) => conversation.id),
  };
}

/**
 * The teams whose engines may hold a customer: every team a change of it was ever appended for
 * (one per team that had a conversation with it), and every team that has one now.
 */
export async function customerHeldByTeams(sql: Sql, customerId: string): Promise<string[]> {
  const rows = await sql.query<{ team_id: string }>(
    `select team_id from changes where kind = 'customer' and entity_id = $1 and team_id is not null
     union select team_id from conversations where customer_id = $1
     order by team_id`,
    [customerId],
  );
  return rows.map((row) => row.team_id);
}

/** The change rows that remove a customer from the engines of `teamIds`. */
export function customerDeletions(customerId: string, teamIds: readonly string[]): NewChange[] {
  return teamIds.map((teamId) => ({
    teamId,
    change: { kind: 'delete', data: { entity: 'customer', id: customerId } },
  }));
}
