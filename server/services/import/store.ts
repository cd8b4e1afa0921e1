// Stores what parse.ts read, in one transaction: every customer whole (identities and orders) or not at all.
import { LINKED_BY } from '../../../shared/domain/entities';
import { SYSTEM_ACTOR } from '../../../shared/sync/audit';
import { appendChanges } from '../../db/changes';
import {
  customerUpdates,
  findIdentity,
  getCustomer,
  insertCustomer,
  insertIdentityFor,
  upsertOrder,
} from '../../db/customers';
import type { StoredIdentity } from '../../db/customers';
import { findOrderOwner } from '../../db/import';
import type { Sql } from '../../db/sql';
import type { ImportCustomer, ParsedFile, Rejection } from './parse';

export interface ImportReport {
  /** Customers created, and customers that existed and gained identities or orders. */
  created: number;
  updated: number;
  orders: number;
  rejected: Rejection[];
  /** Whether anything was stored: not when rows were rejected, unless `partial` was asked for. */
  stored: boolean;
}

/** Thrown inside the transaction to store nothing when rows were rejected. */
class NothingStored extends Error {}

/**
 * Checks each customer against what the records hold (an email, phone or order number of another
 * customer rejects the whole customer), then stores the rest. With rejected rows nothing is stored
 * unless `partial`: then every customer that passed is stored whole, and the report says which did not.
 */
export async function storeImport(
  sql: Sql,
  parsed: ParsedFile,
  options: { source: string; now: number; partial: boolean },
): Promise<ImportReport> {
  let report: ImportReport = { created: 0, updated: 0, orders: 0, rejected: [...parsed.rejected], stored: false };
  try {
    await sql.transaction(async (tx) => {
      const accepted: ImportCustomer[] = [];
      const numbers = new Map<string, string>();
      for (const customer of parsed.customers) {
        const reason = (await conflictOf(tx, customer)) ?? inFileClash(customer, numbers);
        if (reason) report.rejected.push(...customer.lines.map((line) => ({ line, reason })));
        else accepted.push(customer);
      }
      report.rejected.sort((a, b) => a.line - b.line);
      if (report.rejected.length > 0 && !options.partial) throw new NothingStored();
      for (const customer of accepted) {
        const existed = await storeCustomer(tx, customer, options);
        report = existed ? { ...report, updated: report.updated + 1 } : { ...report, created: report.created + 1 };
        report.orders += customer.orders.length;
      }
      report.stored = accepted.length > 0;
    });
  } catch (error) {
    if (!(error instanceof NothingStored)) throw error;
    return { ...report, created: 0, updated: 0, orders: 0, stored: false };
  }
  return report;
}

/** Why the records refuse this customer: an identity or order number that is someone else's. */
async function conflictOf(tx: Sql, customer: ImportCustomer): Promise<string | null> {
  for (const [kind, values] of [
    ['email', customer.emails],
    ['phone', customer.phones],
  ] as const) {
    for (const value of values) {
      const owner = await findIdentity(tx, { kind, value });
      if (owner && owner.customerId !== customer.id)
        return `The ${kind} ${value} already belongs to customer ${owner.customerId}; merge them in Caredesk instead.`;
    }
  }
  for (const order of customer.orders) {
    const owner = await findOrderOwner(tx, order.number);
    if (owner && owner.customerId !== customer.id)
      return `Order ${order.number} already belongs to customer ${owner.customerId}.`;
  }
  return null;
}

/** Two customers of the same file claiming one order number: the second is refused. */
function inFileClash(customer: ImportCustomer, numbers: Map<string, string>): string | null {
  for (const order of customer.orders) {
    const claimed = numbers.get(order.number);
    if (claimed !== undefined && claimed !== customer.id)
      return `Order ${order.number} is also given to customer ${claimed} in this file.`;
  }
  for (const order of customer.orders) numbers.set(order.number, customer.id);
  return null;
}

/** Creates the customer or adds to it; resolves to whether it existed. Orders replace their stored version. */
async function storeCustomer(
  tx: Sql,
  customer: ImportCustomer,
  options: { source: string; now: number },
): Promise<boolean> {
  const existing = await getCustomer(tx, customer.id);
  const evidence = `Imported from ${options.source}.`;
  const identities: StoredIdentity[] = [
    ...customer.emails.map((value) => ({ kind: 'email' as const, channel: 'email' as const, value })),
    ...customer.phones.map((value) => ({ kind: 'phone' as const, channel: 'sms' as const, value })),
  ].map((identity) => ({
    ...identity,
    id: `${customer.id}:${identity.kind}:${identity.value}`,
    customerId: customer.id,
    display: identity.value,
    linkedBy: LINKED_BY.import,
    linkedAt: options.now,
    evidence,
  }));
  if (!existing) {
    await insertCustomer(tx, { id: customer.id, name: customer.name, email: null, createdAt: options.now, identities });
  } else {
    const known = new Set(existing.identities.map((identity) => identity.value));
    const added = identities.filter((identity) => !known.has(identity.value));
    for (const identity of added) await insertIdentityFor(tx, identity);
    if (added.length > 0) {
      await appendChanges(tx, await customerUpdates(tx, customer.id), options.now, {
        actor: SYSTEM_ACTOR,
        type: 'crm_import',
      });
    }
  }
  for (const order of customer.orders) {
    const owner = await findOrderOwner(tx, order.number);
    await upsertOrder(tx, { ...order, id: owner?.orderId ?? order.id }, options.now);
  }
  return existing !== null;
}
