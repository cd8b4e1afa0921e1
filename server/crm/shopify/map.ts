import type { Order, Payment, Refund, Return, Shipment, ShipmentStatus } from '../../../shared/domain/entities';
import type { ShippingAddress } from '../../../shared/domain/order-extras';
import { ORDER_SOURCES } from '../../../shared/domain/entities';
import { normalizeEmail, normalizePhone } from '../../../shared/domain/identity';
import { minorDigits } from '../../../shared/suggest/format';
import type { CrmRecord, SourcedOrder } from '../connector';
import type { ShopifyCustomer, ShopifyOrder } from './response';

/** The numeric part of a GID ("gid://shopify/Order/450789469" → "450789469"). */
export function gidNumber(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1);
}

/** A decimal string in minor units of its currency ("598.94" USD → 59894; "1200" JPY → 1200). */
export function minorUnits(amount: string, currency: string): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new Error(`Shopify sent an amount Caredesk cannot read: "${amount}"`);
  const digits = minorDigits(currency);
  const fraction = (match[3] ?? '').padEnd(digits + 1, '0');
  const whole = Number(match[2]) * 10 ** digits + Number(fraction.slice(0, digits) || '0');
  const rounded = whole + (Number(fraction[digits]) >= 5 ? 1 : 0);
  return match[1] === '-' ? -rounded : rounded;
}

/** Minor units as the decimal string Shopify's `Money` takes (59894 USD → "598.94"; 1200 JPY → "1200"). */
export function decimalAmount(cents: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 10 ** digits);
  if (digits === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(Math.abs(cents) % 10 ** digits).padStart(digits, '0')}`;
}

const millis = (iso: string): number => Date.parse(iso);

/** Where a fulfillment is, as Caredesk's shipment statuses say it (Shopify's `FulfillmentDisplayStatus`). */
const SHIPMENT_STATUS: Readonly<Record<string, ShipmentStatus>> = {
  LABEL_PRINTED: 'label_created',
  LABEL_PURCHASED: 'label_created',
  CONFIRMED: 'label_created',
  SUBMITTED: 'label_created',
  FULFILLED: 'label_created',
  MARKED_AS_FULFILLED: 'label_created',
  READY_FOR_PICKUP: 'label_created',
  CARRIER_PICKED_UP: 'in_transit',
  IN_TRANSIT: 'in_transit',
  OUT_FOR_DELIVERY: 'out_for_delivery',
  DELIVERED: 'delivered',
  PICKED_UP: 'delivered',
  ATTEMPTED_DELIVERY: 'exception',
  DELAYED: 'exception',
  FAILURE: 'exception',
  NOT_DELIVERED: 'exception',
  CANCELED: 'exception',
  LABEL_VOIDED: 'exception',
};

/** Shopify's `ReturnStatus` as Caredesk's return statuses say it. */
const RETURN_STATUS: Readonly<Record<string, Return['status']>> = {
  REQUESTED: 'requested',
  OPEN: 'approved',
  CLOSED: 'received',
  DECLINED: 'rejected',
  CANCELED: 'rejected',
};

function orderStatus(order: ShopifyOrder): Order['status'] {
  if (order.cancelledAt) return 'cancelled';
  if (order.displayFinancialStatus === 'REFUNDED') return 'refunded';
  if (order.displayFulfillmentStatus === 'FULFILLED') return 'fulfilled';
  if (order.displayFulfillmentStatus === 'PARTIALLY_FULFILLED') return 'partially_fulfilled';
  const paid = ['PAID', 'PARTIALLY_REFUNDED', 'PARTIALLY_PAID'];
  return paid.includes(order.displayFinancialStatus ?? '') ? 'paid' : 'pending';
}

/**
 * A fulfillment with a tracking number, as a shipment. Its tracking events are the moments Shopify
 * records (created, in transit, delivered): Shopify keeps no scan locations. Without an estimate
 * from Shopify `estimatedDelivery` is 0: the record gives none (suggestions then name no date).
 */
function shipmentOf(fulfillment: ShopifyOrder['fulfillments'][number]): Shipment | null {
  const tracking = fulfillment.trackingInfo.find((info) => info.number);
  if (!tracking?.number || fulfillment.status === 'CANCELLED') return null;
  const deliveredAt = fulfillment.deliveredAt ? millis(fulfillment.deliveredAt) : null;
  const status =
    deliveredAt !== null ? 'delivered' : (SHIPMENT_STATUS[fulfillment.displayStatus ?? ''] ?? 'label_created');
  const events: Shipment['events'] = [
    { at: millis(fulfillment.createdAt), status: 'label_created', location: '', description: 'Fulfilled in Shopify' },
  ];
  if (fulfillment.inTransitAt)
    events.push({ at: millis(fulfillment.inTransitAt), status: 'in_transit', location: '', description: 'In transit' });
  if (deliveredAt !== null)
    events.push({ at: deliveredAt, status: 'delivered', location: '', description: 'Delivered' });
  return {
    id: `shopify:${gidNumber(fulfillment.id)}`,
    carrier: tracking.company ?? '',
    trackingNumber: tracking.number.toUpperCase(),
    trackingUrl: tracking.url ?? '',
    status,
    shippedAt: millis(fulfillment.inTransitAt ?? fulfillment.createdAt),
    estimatedDelivery: fulfillment.estimatedDeliveryAt ? millis(fulfillment.estimatedDeliveryAt) : (deliveredAt ?? 0),
    deliveredAt,
    events,
  };
}

/**
 * The order's payments from its transactions: a successful sale or capture is a captured payment
 * (still `captured` once refunded: the refunds say how much went back), a successful authorization
 * that no capture or void has settled is an authorized one. Refunds, voids and the rest are not
 * payments. Without transactions in the answer, none.
 */
function paymentsOf(order: ShopifyOrder, currency: string): Payment[] {
  const transactions = (order.transactions ?? []).filter((transaction) => transaction.status === 'SUCCESS');
  const settled = new Set(
    transactions
      .filter((transaction) => transaction.kind === 'CAPTURE' || transaction.kind === 'VOID')
      .map((transaction) => transaction.parentTransaction?.id)
      .filter((id): id is string => Boolean(id)),
  );
  const payments: Payment[] = [];
  for (const transaction of transactions) {
    const captured = transaction.kind === 'SALE' || transaction.kind === 'CAPTURE';
    const authorized = transaction.kind === 'AUTHORIZATION' && !settled.has(transaction.id);
    if (!captured && !authorized) continue;
    payments.push({
      id: `shopify:${gidNumber(transaction.id)}`,
      method: transaction.gateway ?? '',
      amountCents: minorUnits(transaction.amountSet.shopMoney.amount, currency),
      status: captured ? 'captured' : 'authorized',
      processedAt: millis(transaction.processedAt ?? order.createdAt),
    });
  }
  return payments;
}

function addressOf(address: ShopifyOrder['shippingAddress']): ShippingAddress | undefined {
  if (!address?.address1 || !address.city || !address.countryCodeV2) return undefined;
  return {
    ...(address.name ? { name: address.name } : {}),
    lines: [address.address1, ...(address.address2 ? [address.address2] : [])],
    city: address.city,
    ...(address.provinceCode ? { region: address.provinceCode } : {}),
    postcode: address.zip ?? '',
    country: address.countryCodeV2,
  };
}

/**
 * A Shopify order as Caredesk holds it. A return is dated `seenAt`, when Caredesk saw it (Shopify's
 * answer carries no date for it); storing keeps the date of a return seen before (`crm/store.ts`).
 */
export function orderOf(order: ShopifyOrder, seenAt: number): SourcedOrder {
  const currency = order.totalPriceSet.shopMoney.currencyCode;
  const cents = (money: { shopMoney: { amount: string } } | null | undefined) =>
    money ? minorUnits(money.shopMoney.amount, currency) : 0;
  // A line without a SKU is known by its line id: refunds name lines by SKU.
  const skuOf = new Map(order.lineItems.nodes.map((line) => [line.id, line.sku || `line-${gidNumber(line.id)}`]));
  const lineItems = order.lineItems.nodes
    .filter((line) => line.quantity > 0)
    .map((line) => ({
      sku: skuOf.get(line.id) ?? '',
      title: line.variantTitle ? `${line.title} (${line.variantTitle})` : line.title,
      quantity: line.quantity,
      unitPriceCents: minorUnits(line.originalUnitPriceSet.shopMoney.amount, currency),
      ref: line.id,
    }));
  const subtotal = order.subtotalPriceSet
    ? cents(order.subtotalPriceSet)
    : lineItems.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const refunds: Refund[] = order.refunds.map((refund) => ({
    id: `shopify:${gidNumber(refund.id)}`,
    amountCents: cents(refund.totalRefundedSet),
    reason: refund.note ?? '',
    createdAt: millis(refund.createdAt ?? order.createdAt),
    lines: refund.refundLineItems.nodes.map((line) => ({
      sku: skuOf.get(line.lineItem.id) ?? `line-${gidNumber(line.lineItem.id)}`,
      quantity: line.quantity,
    })),
  }));
  const returns: Return[] = order.returns.nodes.map((ret) => ({
    id: `shopify:${gidNumber(ret.id)}`,
    status: RETURN_STATUS[ret.status] ?? 'requested',
    reason: `Return ${ret.name} in Shopify`,
    createdAt: seenAt,
    items: [],
  }));
  const address = addressOf(order.shippingAddress);
  return {
    id: `shopify:${gidNumber(order.id)}`,
    source: ORDER_SOURCES.shopify,
    number: order.name,
    placedAt: millis(order.createdAt),
    status: orderStatus(order),
    currency,
    subtotalCents: subtotal,
    shippingCents: cents(order.totalShippingPriceSet),
    taxCents: cents(order.totalTaxSet),
    totalCents: cents(order.totalPriceSet),
    lineItems,
    payments: paymentsOf(order, currency),
    shipments: order.fulfillments.map(shipmentOf).filter((s): s is Shipment => s !== null),
    returns,
    refunds,
    ...(address ? { shippingAddress: address } : {}),
    ...(order.cancelledAt
      ? { cancellation: { at: millis(order.cancelledAt), by: 'shopify', reason: 'Cancelled in Shopify' } }
      : {}),
  };
}

/** A Shopify customer as a connected record's customer; emails lower case, phones E.164. */
export function recordOf(customer: ShopifyCustomer, region: string, seenAt: number): CrmRecord {
  const email = customer.defaultEmailAddress?.emailAddress;
  const phone = customer.defaultPhoneNumber?.phoneNumber
    ? normalizePhone(customer.defaultPhoneNumber.phoneNumber, region)
    : null;
  return {
    externalId: customer.id,
    name: customer.displayName,
    emails: email ? [normalizeEmail(email)] : [],
    phones: phone ? [phone] : [],
    orders: customer.orders.nodes.map((order) => orderOf(order, seenAt)),
  };
}
