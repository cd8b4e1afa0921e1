import { displayPhone } from '../../shared/domain/identity';
import { CrmUnavailable } from './connector';
import type { CrmConnector, CrmKey, CrmRecord } from './connector';
import { storeRecord } from './store';
import type { AppendedChanges } from '../db/changes';
import { crmKeysOf, crmLinkOwner, getCrmLink, saveCrmLink } from '../db/crm-links';
import type { Sql } from '../db/sql';

export interface CrmSyncOptions {
  sql: Sql;
  clock: () => number;
  connectors: readonly CrmConnector[];
  /** A stored purchase history older than this is fetched again when its customer writes or is opened; default 15 min. */
  refreshMs?: number;
  /** After a failed fetch, how long before the record is asked again; default 1 min. */
  retryMs?: number;
  poke: (changes: AppendedChanges) => void;
  log: (error: unknown) => void;
}

/** What one refresh of one customer did, per connected record. */
export type CrmOutcome =
  | { source: string; kind: 'fresh' }
  | { source: string; kind: 'stored'; externalId: string; orders: number }
  | { source: string; kind: 'none' }
  | { source: string; kind: 'failed'; error: string };

export interface CrmSync {
  /** Refreshes the customer's purchase history in the background, when stale (`force`: even when fresh). */
  touch(customerId: string, force?: boolean): void;
  /** Refreshes it now (`force`: even when fresh). */
  refresh(customerId: string, force?: boolean): Promise<CrmOutcome[]>;
  /** Resolves when every touched customer has been refreshed. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_CRM_REFRESH_MS = 15 * 60_000;
const DEFAULT_CRM_RETRY_MS = 60_000;

/**
 * Keeps the purchase history connected records (Shopify) hold of Caredesk's customers in the
 * server's orders, where sync takes it to every engine (which then works offline). A customer is
 * looked up by their emails, then their phones; the first key that names exactly one customer of
 * the record links them (two: none is chosen, the rep links by hand). A record that fails leaves
 * everything stored as it was and says why in the link (`crm_links.error`); it is asked again
 * after `retryMs`. Touched customers are refreshed one at a time.
 */
export function startCrmSync(options: CrmSyncOptions): CrmSync {
  const refreshMs = options.refreshMs ?? DEFAULT_CRM_REFRESH_MS;
  const retryMs = options.retryMs ?? DEFAULT_CRM_RETRY_MS;
  /** Customers waiting, and whether each is to be fetched even when fresh. */
  const queued = new Map<string, boolean>();
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  async function refreshOne(connector: CrmConnector, customerId: string, force: boolean): Promise<CrmOutcome> {
    const now = options.clock();
    const link = await getCrmLink(options.sql, customerId, connector.source);
    if (link && !force && now - link.checkedAt < (link.error ? retryMs : refreshMs))
      return { source: connector.source, kind: 'fresh' };
    // The customer linked before is asked for by id first: it stays theirs when an email or phone moves.
    const keys: CrmKey[] = [
      ...(link?.externalId ? [{ kind: 'id' as const, value: link.externalId }] : []),
      ...(await crmKeysOf(options.sql, customerId)),
    ];
    const failed = async (error: string): Promise<CrmOutcome> => {
      await saveCrmLink(options.sql, {
        customerId,
        source: connector.source,
        externalId: link?.externalId ?? null,
        matchedBy: link?.matchedBy ?? null,
        fetchedAt: link?.fetchedAt ?? null,
        error,
        checkedAt: now,
      });
      return { source: connector.source, kind: 'failed', error };
    };
    try {
      for (const key of keys) {
        const records = await connector.find(key);
        if (records.length === 0) continue;
        const chosen = pick(records, link?.externalId ?? null);
        if (!chosen)
          return await failed(
            `${records.length} ${connector.label} customers have ${key.kind} ${key.value}: none was linked. Link the right one by hand.`,
          );
        const owner = await crmLinkOwner(options.sql, connector.source, chosen.externalId);
        if (owner !== null && owner !== customerId)
          return await failed(
            `${connector.label} customer ${chosen.externalId} is already the record of another Caredesk customer (${owner}): merge the two to see its orders here.`,
          );
        const matchedBy =
          key.kind === 'id'
            ? (link?.matchedBy ?? `${connector.label} id`)
            : `${key.kind} ${key.kind === 'phone' ? displayPhone(key.value) : key.value}`;
        const appended = await storeRecord(options.sql, connector, customerId, chosen, matchedBy, options.clock());
        for (const changes of appended) options.poke(changes);
        return {
          source: connector.source,
          kind: 'stored',
          externalId: chosen.externalId,
          orders: chosen.orders.length,
        };
      }
      await saveCrmLink(options.sql, {
        customerId,
        source: connector.source,
        externalId: null,
        matchedBy: null,
        fetchedAt: now,
        error: null,
        checkedAt: now,
      });
      return { source: connector.source, kind: 'none' };
    } catch (error) {
      if (!(error instanceof CrmUnavailable)) throw error;
      options.log(`${connector.label} lookup for customer ${customerId} failed: ${error.message}`);
      return failed(error.message);
    }
  }

  async function refresh(customerId: string, force = false): Promise<CrmOutcome[]> {
    const outcomes: CrmOutcome[] = [];
    for (const connector of options.connectors) outcomes.push(await refreshOne(connector, customerId, force));
    return outcomes;
  }

  function drain(): Promise<void> {
    running = running.then(async () => {
      while (queued.size > 0 && !stopped) {
        const [next] = queued;
        if (next === undefined) break;
        const [customerId, force] = next;
        queued.delete(customerId);
        try {
          await refresh(customerId, force);
        } catch (error) {
          if (!stopped) options.log(error);
        }
      }
    });
    return running;
  }

  return {
    touch(customerId, force = false) {
      if (stopped || options.connectors.length === 0) return;
      const waiting = queued.has(customerId);
      queued.set(customerId, force || (queued.get(customerId) ?? false));
      if (!waiting) void drain();
    },
    refresh,
    idle: () => running,
    async stop() {
      stopped = true;
      queued.clear();
      await running;
    },
  };
}

/** The record's customer to link: the one linked before when it is still among them, else the only one. */
function pick(records: readonly CrmRecord[], linked: string | null): CrmRecord | null {
  const known = linked === null ? undefined : records.find((record) => record.externalId === linked);
  if (known) return known;
  return records.length === 1 ? (records[0] ?? null) : null;
}
