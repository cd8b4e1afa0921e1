import type { CrmConnector, CrmKey, CrmRecord } from '../connector';
import { CrmUnavailable } from '../connector';
import { recordOf } from './map';
import { CUSTOMER_HISTORY_QUERY, ORDERS_PER_CUSTOMER, customerSearch } from './query';
import { CustomerHistoryData, GraphqlAnswer, notReadable } from './response';
import { writeOrder } from './writes';

export interface ShopifyConfig {
  /** The store's address, e.g. `https://jsmith.myshopify.com` (tests: a local server). */
  shopUrl: string;
  /**
   * An Admin API access token (`shpat_…`) with read_customers, read_orders and read_returns, and
   * write_orders for order actions.
   */
  accessToken: string;
  /** The Admin API version in the path; default `2025-10`. */
  apiVersion?: string;
  /** How long one request may take; default 10 s. */
  timeoutMs?: number;
}

export const SHOPIFY_API_VERSION = '2025-10';

/** Errors Shopify answers that pass with time (`extensions.code`); the others need a person. */
const RETRYABLE_CODES = new Set(['THROTTLED', 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

/**
 * One request to the Admin GraphQL API: the answer's `data`, unread. Whatever keeps an answer from
 * being one (no answer in time, an HTTP error, refused credentials, not JSON, GraphQL `errors`)
 * throws `CrmUnavailable`, retryable when time may cure it.
 */
export type ShopifyPost = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

export function shopifyPost(config: ShopifyConfig): ShopifyPost {
  const endpoint = `${config.shopUrl.replace(/\/+$/, '')}/admin/api/${config.apiVersion ?? SHOPIFY_API_VERSION}/graphql.json`;
  const timeoutMs = config.timeoutMs ?? 10_000;
  return async (query, variables) => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': config.accessToken },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      // Refused before anything was sent: certainly not made. Anything else may have reached Shopify.
      const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
      throw new CrmUnavailable(
        timedOut
          ? `Shopify did not answer within ${timeoutMs / 1000} s.`
          : `Shopify cannot be reached (${String(error)}).`,
        true,
        !refused,
      );
    }
    if (response.status === 401 || response.status === 403)
      throw new CrmUnavailable(`Shopify refused the access token (HTTP ${response.status}).`, false);
    if (!response.ok)
      throw new CrmUnavailable(
        `Shopify answered HTTP ${response.status}.`,
        response.status >= 500 || response.status === 429,
        response.status >= 500,
      );
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new CrmUnavailable('Shopify answered something that is not JSON.', true, true);
    }
    const answer = GraphqlAnswer.safeParse(body);
    if (!answer.success) throw notReadable(answer.error);
    const errors = answer.data.errors ?? [];
    if (errors.length > 0) {
      const codes = errors.map((error) => error.extensions?.code).filter((code): code is string => Boolean(code));
      throw new CrmUnavailable(
        `Shopify answered: ${errors.map((error) => error.message).join('; ')}${codes.length ? ` (${codes.join(', ')})` : ''}`,
        codes.length > 0 && codes.every((code) => RETRYABLE_CODES.has(code)),
      );
    }
    return answer.data.data;
  };
}

/**
 * Shopify's Admin GraphQL API as a connected record: customers by exact email or E.164 phone with
 * their latest orders, and order actions made through its mutations (`writes.ts`). `region` reads
 * phones Shopify stores without their country code.
 */
export function shopifyConnector(config: ShopifyConfig, region: string, clock: () => number): CrmConnector {
  const post = shopifyPost(config);
  return {
    source: 'shopify',
    label: 'Shopify',
    async find(key: CrmKey): Promise<CrmRecord[]> {
      const data = CustomerHistoryData.safeParse(
        await post(CUSTOMER_HISTORY_QUERY, { q: customerSearch(key), orders: ORDERS_PER_CUSTOMER }),
      );
      if (!data.success) throw notReadable(data.error);
      const seenAt = clock();
      // Shopify's search is by token: keep only customers whose own id, email or phone is the key.
      return (data.data?.customers.nodes ?? [])
        .map((customer) => recordOf(customer, region, seenAt))
        .filter((record) =>
          key.kind === 'id'
            ? record.externalId === key.value
            : (key.kind === 'email' ? record.emails : record.phones).includes(key.value),
        );
    },
    write: (order, change) => writeOrder(post, order, change),
  };
}
