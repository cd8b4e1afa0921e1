import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { displayPhone } from '../../shared/domain/identity';
import { LINKED_BY } from '../../shared/domain/entities';
import type { Order } from '../../shared/domain/entities';
import type { LinkSuggestion } from '../../shared/domain/link-suggestions';
import { SYSTEM_ACTOR } from '../../shared/sync/audit';
import { appendChanges } from '../db/changes';
import type { AppendedChanges, NewChange } from '../db/changes';
import { lockSuggestingConversations, renameCustomer, saveCrmLink, sourcedOrders } from '../db/crm-links';
import { updateConversation } from '../db/conversations';
import {
  customerUpdates,
  getCustomer,
  insertIdentityFor,
  lockCustomer,
  orderChanges,
  storeOrder,
} from '../db/customers';
import type { Sql } from '../db/sql';
import type { CrmConnector, CrmRecord } from './connector';

/**
 * Stores what a record holds of one customer, in one transaction: its orders (only those that
 * changed; a return keeps the date it was first seen), its emails and phones that no Caredesk
 * customer holds yet (linked by the system, the match as evidence), and its name when the Caredesk
 * customer is still named by a handle or number. Open link suggestions on the customer's
 * conversations that rest only on order numbers the customer now holds are withdrawn (the number
 * was theirs, in the store). Then the link, fresh as of `now`.
 */
export async function storeRecord(
  sql: Sql,
  connector: CrmConnector,
  customerId: string,
  record: CrmRecord,
  /** How they were matched, in words: "phone +16136120707". */
  matchedBy: string,
  now: number,
): Promise<AppendedChanges[]> {
  return sql.transaction(async (tx) => {
    await lockCustomer(tx, customerId);
    const customer = await getCustomer(tx, customerId);
    if (!customer) return [];
    const appended: AppendedChanges[] = [];
    const ordersChanged: NewChange[] = [];
    const withdrawn: NewChange[] = [];
    const stored = await sourcedOrders(
      tx,
      connector.source,
      record.orders.map((order) => order.id),
    );
    for (const fetched of record.orders) {
      const before = stored.get(fetched.id);
      const order = keepCaredeskFields({ ...fetched, customerId }, before);
      // Stored documents come back with their keys reordered: compared as values.
      if (before && isDeepStrictEqual(before, JSON.parse(JSON.stringify(order)))) continue;
      await storeOrder(tx, order);
      ordersChanged.push(...(await orderChanges(tx, order)));
    }
    if (ordersChanged.length > 0)
      appended.push(await appendChanges(tx, ordersChanged, now, { actor: SYSTEM_ACTOR, type: 'order_synced' }));
    // A number the customer now turns out to hold themselves names nobody else: such suggestions go.
    const numbers = new Set(record.orders.map((order) => order.number));
    for (const conversation of await lockSuggestingConversations(tx, customerId)) {
      const kept = withoutOwnOrders(conversation.linkSuggestions ?? [], numbers);
      if (kept.length === (conversation.linkSuggestions ?? []).length) continue;
      const { linkSuggestions: _dropped, ...rest } = conversation;
      withdrawn.push(...(await updateConversation(tx, kept.length > 0 ? { ...rest, linkSuggestions: kept } : rest)));
    }
    const evidence = `${connector.label} customer ${record.externalId}, matched by ${matchedBy}.`;
    const held = new Set(customer.identities.map((identity) => `${identity.kind ?? ''}:${identity.value}`));
    let changed = false;
    const keys: { kind: 'email' | 'phone'; value: string }[] = [
      ...record.emails.map((value) => ({ kind: 'email' as const, value })),
      ...record.phones.map((value) => ({ kind: 'phone' as const, value })),
    ];
    for (const key of keys) {
      if (held.has(`${key.kind}:${key.value}`)) continue;
      const owner = await insertIdentityFor(tx, {
        id: randomUUID(),
        customerId,
        kind: key.kind,
        channel: key.kind === 'email' ? 'email' : 'sms',
        value: key.value,
        display: key.kind === 'phone' ? displayPhone(key.value) : key.value,
        linkedBy: LINKED_BY.system,
        linkedAt: now,
        evidence,
      });
      // Another customer already holds it: that is for a person to merge, not for a fetch.
      if (owner === customerId) changed = true;
    }
    const namedByHandle = customer.identities.some(
      (identity) => identity.display === customer.name || identity.value === customer.name,
    );
    if (namedByHandle && record.name.trim() && record.name !== customer.name) {
      await renameCustomer(tx, customerId, record.name.trim());
      changed = true;
    }
    if (changed || withdrawn.length > 0) {
      const changes: NewChange[] = [...(changed ? await customerUpdates(tx, customerId) : []), ...withdrawn];
      appended.push(await appendChanges(tx, changes, now, { actor: SYSTEM_ACTOR, type: 'crm_import' }));
    }
    await saveCrmLink(tx, {
      customerId,
      source: connector.source,
      externalId: record.externalId,
      matchedBy,
      fetchedAt: now,
      error: null,
      checkedAt: now,
    });
    return appended;
  });
}

/** Open suggestions resting on order numbers alone, every one of them among `numbers`, are dropped. */
function withoutOwnOrders(suggestions: readonly LinkSuggestion[], numbers: ReadonlySet<string>): LinkSuggestion[] {
  return suggestions.filter(
    (suggestion) =>
      suggestion.state !== 'open' ||
      !suggestion.evidence.every((item) => item.kind === 'order' && numbers.has(item.value)),
  );
}

/**
 * What only Caredesk knows of a store's order survives a fetch: the date a return was first seen
 * (the store gives none) and the refund requests waiting for a lead.
 */
function keepCaredeskFields(order: Order, before: Order | undefined): Order {
  if (!before) return order;
  const seen = new Map(before.returns.map((ret) => [ret.id, ret.createdAt]));
  return {
    ...order,
    returns: order.returns.map((ret) => ({ ...ret, createdAt: seen.get(ret.id) ?? ret.createdAt })),
    ...(before.refundRequests?.length ? { refundRequests: before.refundRequests } : {}),
  };
}
