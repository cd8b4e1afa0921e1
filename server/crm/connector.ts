import type { Order } from '../../shared/domain/entities';

/** What a customer is looked up by in a connected record: a lower-case email or an E.164 phone. */
export interface CrmKey {
  kind: 'email' | 'phone';
  value: string;
}

/** An order as a connected record holds it: the Caredesk customer it belongs to is set on storing. */
export type SourcedOrder = Omit<Order, 'customerId'> & { source: string };

/** One customer of a connected record, with the purchase history it holds. */
export interface CrmRecord {
  /** The record's own id for the customer (Shopify: `gid://shopify/Customer/…`). */
  externalId: string;
  name: string;
  /** Lower case. */
  emails: string[];
  /** E.164. */
  phones: string[];
  orders: SourcedOrder[];
}

/**
 * A customer record Caredesk reads purchase history from (Shopify here; the embedded CRM is the
 * server's own tables). `find` answers the customers whose email or phone equals the key exactly
 * (a record's own search may be looser: it is filtered), newest order first.
 */
export interface CrmConnector {
  /** The orders' `source` (`ORDER_SOURCES`). */
  readonly source: string;
  /** As reps read it: "Shopify". */
  readonly label: string;
  find(key: CrmKey): Promise<CrmRecord[]>;
}

/** The record did not answer usefully (down, slow, throttled, refused the credentials, answered garbage). */
export class CrmUnavailable extends Error {
  constructor(
    message: string,
    /** Worth asking again later (throttled, timed out, 5xx); false: configuration or credentials. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'CrmUnavailable';
  }
}
