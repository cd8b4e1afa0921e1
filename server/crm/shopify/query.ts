/**
 * The Admin GraphQL query for a customer and their purchase history (channels reference §5.1):
 * customers matching `$q` (`email:"…"` quoted for an exact match, or `phone:+1…`), each with their
 * latest orders, line items, fulfillments with tracking, refunds, returns and payment transactions
 * (what a refund is made against), plus the order's subtotal, shipping, tax and shipping address.
 */
export const CUSTOMER_HISTORY_QUERY = `query CustomerHistory($q: String!, $orders: Int!) {
  customers(first: 5, query: $q) {
    nodes {
      id
      displayName
      defaultEmailAddress { emailAddress }
      defaultPhoneNumber { phoneNumber }
      orders(first: $orders, sortKey: CREATED_AT, reverse: true) {
        nodes {
          id
          name
          createdAt
          cancelledAt
          displayFinancialStatus
          displayFulfillmentStatus
          totalPriceSet { shopMoney { amount currencyCode } }
          subtotalPriceSet { shopMoney { amount currencyCode } }
          totalShippingPriceSet { shopMoney { amount currencyCode } }
          totalTaxSet { shopMoney { amount currencyCode } }
          shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 }
          lineItems(first: 50) {
            nodes { id title variantTitle sku quantity originalUnitPriceSet { shopMoney { amount currencyCode } } }
          }
          fulfillments(first: 10) {
            id
            status
            displayStatus
            createdAt
            inTransitAt
            deliveredAt
            estimatedDeliveryAt
            trackingInfo(first: 5) { company number url }
          }
          refunds(first: 10) {
            id
            createdAt
            note
            totalRefundedSet { shopMoney { amount currencyCode } }
            refundLineItems(first: 50) { nodes { quantity lineItem { id } } }
          }
          returns(first: 10) { nodes { id name status totalQuantity } }
          transactions(first: 20) {
            id
            kind
            status
            gateway
            processedAt
            parentTransaction { id }
            amountSet { shopMoney { amount currencyCode } }
          }
        }
      }
    }
  }
}`;

/** Orders fetched per customer. */
export const ORDERS_PER_CUSTOMER = 20;

/** The search term for a key: emails quoted (Shopify tokenizes them otherwise), phones in E.164, ids by number. */
export function customerSearch(key: { kind: 'email' | 'phone' | 'id'; value: string }): string {
  if (key.kind === 'id') return `id:${key.value.slice(key.value.lastIndexOf('/') + 1).replace(/\D/g, '')}`;
  return key.kind === 'email' ? `email:"${key.value.replace(/["\\]/g, '')}"` : `phone:${key.value}`;
}
