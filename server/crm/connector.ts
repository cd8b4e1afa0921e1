import type { Order } from '../../shared/domain/entities';
import type { OrderLine, ShippingAddress } from '../../shared/domain/order-extras';

/**
 * What a customer is looked up by in a connected record: a lower-case email, an E.164 phone, or
 * the record's own id of a customer linked before (`externalId`).
 */
export interface CrmKey {
  kind: 'email' | 'phone' | 'id';
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
  /**
   * Makes an order action's change to an order the record keeps (`order` is Caredesk's copy: ids
   * `shopify:<n>`, lines with their `ref`, payments from the record's transactions). Resolves once
   * the record has made it; throws `StoreRefused` when the record says no, `CrmUnavailable` when
   * it cannot be asked. Absent: the record's orders cannot be changed from Caredesk.
   */
  write?(order: Order, change: StoreWrite): Promise<void>;
}

/** A change an order action asks a connected record to make to one of its orders. */
export type StoreWrite =
  | { kind: 'cancel'; reason: string }
  | { kind: 'address'; address: ShippingAddress }
  /** `lines` null: the amount on the order as a whole. `amountCents` in the order's currency. */
  | { kind: 'refund'; amountCents: number; lines: OrderLine[] | null; note: string };

/** The record refused the change (its own rules: already cancelled, nothing left to refund…): not retried. */
export class StoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreRefused';
  }
}

/** The record did not answer usefully (down, slow, throttled, refused the credentials, answered garbage). */
export class CrmUnavailable extends Error {
  constructor(
    message: string,
    /** Worth asking again later (throttled, timed out, 5xx); false: configuration or credentials. */
    readonly retryable: boolean,
    /**
     * The request may have reached the record and been acted on (no answer in time, a 5xx, an
     * unreadable answer): a change is then not asked again, a person checks.
     */
    readonly maybeMade = false,
  ) {
    super(message);
    this.name = 'CrmUnavailable';
  }
}
