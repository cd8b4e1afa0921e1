import { z } from 'zod';
import type { Order, Payment } from '../../../shared/domain/entities';
import type { OrderLine, ShippingAddress } from '../../../shared/domain/order-extras';
import { mergeLines } from '../../../shared/domain/order-rules';
import { StoreRefused } from '../connector';
import type { StoreWrite } from '../connector';
import type { ShopifyPost } from './client';
import { decimalAmount } from './map';
import { UserErrors, notReadable } from './response';

// Order actions as Shopify's Admin GraphQL mutations. Arguments and input shapes are those of
// API version 2025-10 (`orderCancel`, `orderUpdate` with `OrderInput`/`MailingAddressInput`,
// `refundCreate` with `RefundInput`/`RefundLineItemInput`/`OrderTransactionInput`). Each needs
// the write_orders scope.

/**
 * Cancels with a refund to the original payment methods (`refundMethod`: the `refund` Boolean is
 * deprecated since 2025-07). Shopify cancels in a background job: a following `find` shows it.
 */
export const CANCEL_ORDER_MUTATION = `mutation CancelOrder($orderId: ID!, $reason: OrderCancelReason!, $refundMethod: OrderCancelRefundMethodInput, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refundMethod: $refundMethod, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
    userErrors { field message }
  }
}`;

/** Replaces the order's shipping address. */
export const UPDATE_ADDRESS_MUTATION = `mutation UpdateOrderAddress($input: OrderInput!) {
  orderUpdate(input: $input) {
    order { id }
    userErrors { field message }
  }
}`;

/** Refunds lines (not restocked) and money given back through the payment it was taken by. */
export const REFUND_MUTATION = `mutation RefundOrder($input: RefundInput!) {
  refundCreate(input: $input) {
    refund { id }
    userErrors { field message }
  }
}`;

/** Caredesk's ids of Shopify's objects: `shopify:<the GID's number>`. */
const PREFIX = 'shopify:';

const CancelData = z.object({
  orderCancel: z.object({ orderCancelUserErrors: UserErrors, userErrors: UserErrors.nullish() }),
});
const UpdateData = z.object({ orderUpdate: z.object({ userErrors: UserErrors }) });
const RefundData = z.object({ refundCreate: z.object({ userErrors: UserErrors }) });

/** Makes `change` to `order` in Shopify (the connector's `write`). */
export async function writeOrder(post: ShopifyPost, order: Order, change: StoreWrite): Promise<void> {
  const orderId = orderGid(order);
  switch (change.kind) {
    case 'cancel': {
      const data = read(
        CancelData,
        await post(CANCEL_ORDER_MUTATION, {
          orderId,
          reason: 'CUSTOMER',
          refundMethod: { originalPaymentMethodsRefund: true },
          restock: true,
          notifyCustomer: false,
          staffNote: change.reason,
        }),
      );
      // `userErrors` is the deprecated twin of `orderCancelUserErrors`: the same words, once.
      return refuseOn([...data.orderCancel.orderCancelUserErrors, ...(data.orderCancel.userErrors ?? [])]);
    }
    case 'address': {
      const data = read(
        UpdateData,
        await post(UPDATE_ADDRESS_MUTATION, {
          input: { id: orderId, shippingAddress: mailingAddress(change.address) },
        }),
      );
      return refuseOn(data.orderUpdate.userErrors);
    }
    case 'refund': {
      const data = read(RefundData, await post(REFUND_MUTATION, { input: refundInput(order, orderId, change) }));
      return refuseOn(data.refundCreate.userErrors);
    }
  }
}

function orderGid(order: Order): string {
  if (!order.id.startsWith(PREFIX)) throw new StoreRefused(`Order ${order.number} is not kept in Shopify.`);
  return gidOf('Order', order.id);
}

/** Caredesk's id of a Shopify object (`shopify:<n>`) as Shopify's GID of that type. */
function gidOf(type: string, id: string): string {
  return `gid://shopify/${type}/${id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id}`;
}

function read<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw notReadable(parsed.error);
  return parsed.data;
}

function refuseOn(errors: z.infer<typeof UserErrors>): void {
  const messages = [...new Set(errors.map((error) => error.message.trim()).filter(Boolean))];
  if (errors.length > 0) throw new StoreRefused(`Shopify refused: ${messages.join('; ') || 'no reason given'}`);
}

/**
 * Caredesk's address as a `MailingAddressInput`. The address given overwrites the order's, and a
 * part Caredesk's lacks is sent as null so that none of the old one can stay. The name is split on
 * its last space ("Anna de Vries": first name "Anna de", last name "Vries"); one word is a last name.
 */
export function mailingAddress(address: ShippingAddress): Record<string, string | null> {
  const name = address.name?.trim() ?? '';
  const space = name.lastIndexOf(' ');
  return {
    address1: address.lines[0] ?? '',
    address2: address.lines.slice(1).join(', ') || null,
    city: address.city,
    provinceCode: address.region ?? null,
    zip: address.postcode,
    countryCode: address.country.toUpperCase(),
    ...(space > 0
      ? { firstName: name.slice(0, space).trim(), lastName: name.slice(space + 1) }
      : name
        ? { lastName: name }
        : {}),
  };
}

function refundInput(order: Order, orderId: string, change: Extract<StoreWrite, { kind: 'refund' }>) {
  const refundLineItems = change.lines ? lineItemsOf(order, change.lines) : null;
  let transactions: Record<string, string>[] | null = null;
  if (change.amountCents > 0) {
    const payment = paymentToRefund(order);
    if (!payment)
      throw new StoreRefused(
        `Order ${order.number} has no payment captured in Shopify that Caredesk knows of: nothing to refund from.`,
      );
    transactions = [
      {
        orderId,
        parentId: gidOf('OrderTransaction', payment.id),
        gateway: payment.method,
        kind: 'REFUND',
        amount: decimalAmount(change.amountCents, order.currency),
      },
    ];
  }
  return {
    orderId,
    note: change.note,
    notify: false,
    ...(refundLineItems ? { refundLineItems } : {}),
    ...(transactions ? { transactions } : {}),
  };
}

/**
 * The captured payment a refund goes back through. Caredesk's copy of the order does not say which
 * payment earlier refunds went back to, so the largest is taken as the one with the most left; an
 * order paid once (the usual case) has only that one.
 */
function paymentToRefund(order: Order): Payment | undefined {
  return order.payments
    .filter((payment) => payment.status === 'captured' || payment.status === 'refunded')
    .reduce<Payment | undefined>(
      (best, payment) => (!best || payment.amountCents > best.amountCents ? payment : best),
      undefined,
    );
}

/**
 * Refunded lines as Shopify's line items (`ref`), not restocked. A SKU on several lines is spread
 * over them in order, each up to its quantity. A SKU without a known line is refused: Caredesk's
 * copy predates refs, or the line is not the store's.
 */
function lineItemsOf(order: Order, lines: readonly OrderLine[]) {
  return mergeLines(lines).flatMap(({ sku, quantity }) => {
    const items = order.lineItems.filter((item) => item.sku === sku && item.ref);
    if (items.length === 0)
      throw new StoreRefused(
        `Caredesk does not know which Shopify line ${sku} on ${order.number} is: refresh the order from Shopify and try again.`,
      );
    const out: { lineItemId: string; quantity: number; restockType: 'NO_RESTOCK' }[] = [];
    let left = quantity;
    items.forEach((item, index) => {
      const take = index === items.length - 1 ? left : Math.min(left, item.quantity);
      if (take > 0) out.push({ lineItemId: item.ref ?? '', quantity: take, restockType: 'NO_RESTOCK' });
      left -= take;
    });
    return out;
  });
}
