// Moving a customer's identities, orders and conversations one by one (an undone merge, a split).
import type { Channel } from '../../shared/domain/channels';
import type { Conversation } from '../../shared/domain/entities';
import { getConversation } from './conversations';
import type { IdentityLink } from './customers';
import type { Sql } from './sql';

/**
 * Where each of `ids` (identities, orders or conversations) belongs now: its customer id, or no
 * entry when it is gone.
 */
export async function ownersOf(
  sql: Sql,
  table: 'identities' | 'orders' | 'conversations',
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await sql.query<{ id: string; customer_id: string }>(
    `select id, customer_id from ${table} where id = any($1::text[])`,
    [[...ids]],
  );
  return new Map(rows.map((row) => [row.id, row.customer_id]));
}

/** Moves orders to `customerId` (their row and their document's `customerId`). */
export async function moveOrders(tx: Sql, orderIds: readonly string[], customerId: string): Promise<void> {
  await tx.query(
    `update orders set customer_id = $2, doc = jsonb_set(doc, '{customerId}', to_jsonb($2::text)) where id = any($1::text[])`,
    [[...orderIds], customerId],
  );
}

/** Moves conversations to `customerId`; returns them as they are now. */
export async function moveConversations(
  tx: Sql,
  conversationIds: readonly string[],
  customerId: string,
): Promise<Conversation[]> {
  const ids = await tx.query<{ id: string }>(
    'update conversations set customer_id = $2 where id = any($1::text[]) returning id',
    [[...conversationIds], customerId],
  );
  const moved: Conversation[] = [];
  for (const { id } of ids.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const conversation = await getConversation(tx, id);
    if (conversation) moved.push(conversation);
  }
  return moved;
}

/** Gives an identity to `customerId`, with who linked it, when and why. */
export async function relinkIdentity(
  tx: Sql,
  identityId: string,
  customerId: string,
  link: IdentityLink,
): Promise<void> {
  await tx.query(
    'update identities set customer_id = $2, linked_by = $3, linked_at = $4, evidence = $5 where id = $1',
    [identityId, customerId, link.linkedBy, link.linkedAt, link.evidence],
  );
}

/** A customer's conversations by id, with their channel. */
export function channelsOfConversations(
  sql: Sql,
  customerId: string,
): Promise<Array<{ id: string; channel: Channel }>> {
  return sql.query<{ id: string; channel: Channel }>(
    'select id, channel from conversations where customer_id = $1 order by id',
    [customerId],
  );
}
