import { z } from 'zod';
import { CrmUnavailable } from '../connector';

// The parts of Shopify's Admin GraphQL answer to CUSTOMER_HISTORY_QUERY that Caredesk reads
// (channels reference §5.1): `fulfillments`, `refunds` and `transactions` are plain lists, the
// others connections; money is decimal strings; ids are GIDs. Fields a store may leave empty are
// nullable, and so is `transactions` (the documented fixture asks for none).

const Money = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string().length(3) }) });
const Time = z.string().datetime({ offset: true });

const LineItem = z.object({
  id: z.string(),
  title: z.string(),
  variantTitle: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  originalUnitPriceSet: Money,
});

const Fulfillment = z.object({
  id: z.string(),
  status: z.string(),
  displayStatus: z.string().nullish(),
  createdAt: Time,
  inTransitAt: Time.nullish(),
  deliveredAt: Time.nullish(),
  estimatedDeliveryAt: Time.nullish(),
  trackingInfo: z.array(
    z.object({ company: z.string().nullish(), number: z.string().nullish(), url: z.string().nullish() }),
  ),
});

const Refund = z.object({
  id: z.string(),
  createdAt: Time.nullish(),
  note: z.string().nullish(),
  totalRefundedSet: Money,
  refundLineItems: z.object({
    nodes: z.array(z.object({ quantity: z.number().int().positive(), lineItem: z.object({ id: z.string() }) })),
  }),
});

const Transaction = z.object({
  id: z.string(),
  /** `OrderTransactionKind`: AUTHORIZATION, CAPTURE, SALE, VOID, REFUND, CHANGE, EMV_AUTHORIZATION, SUGGESTED_REFUND. */
  kind: z.string(),
  /** `OrderTransactionStatus`: SUCCESS, FAILURE, PENDING, ERROR, AWAITING_RESPONSE, UNKNOWN. */
  status: z.string(),
  gateway: z.string().nullish(),
  processedAt: Time.nullish(),
  /** The authorization a capture or void settles, the payment a refund gives back. */
  parentTransaction: z.object({ id: z.string() }).nullish(),
  amountSet: Money,
});

const Address = z.object({
  name: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  provinceCode: z.string().nullish(),
  zip: z.string().nullish(),
  countryCodeV2: z.string().nullish(),
});

export const ShopifyOrder = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: Time,
  cancelledAt: Time.nullish(),
  displayFinancialStatus: z.string().nullish(),
  displayFulfillmentStatus: z.string(),
  totalPriceSet: Money,
  subtotalPriceSet: Money.nullish(),
  totalShippingPriceSet: Money.nullish(),
  totalTaxSet: Money.nullish(),
  shippingAddress: Address.nullish(),
  lineItems: z.object({ nodes: z.array(LineItem) }),
  fulfillments: z.array(Fulfillment),
  refunds: z.array(Refund),
  transactions: z.array(Transaction).nullish(),
  returns: z.object({
    nodes: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), totalQuantity: z.number() })),
  }),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrder>;

export const ShopifyCustomer = z.object({
  id: z.string(),
  displayName: z.string(),
  defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string().nullish() }).nullish(),
  orders: z.object({ nodes: z.array(ShopifyOrder) }),
});
export type ShopifyCustomer = z.infer<typeof ShopifyCustomer>;

/** A GraphQL answer: data, or errors (Shopify answers most of them with status 200). */
export const GraphqlAnswer = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).passthrough().optional() }),
    )
    .optional(),
});

/** The `data` of an answer to CUSTOMER_HISTORY_QUERY. */
export const CustomerHistoryData = z.object({ customers: z.object({ nodes: z.array(ShopifyCustomer) }) }).nullish();

/** A mutation's `userErrors` (`UserError`, and `OrderCancelUserError` with its `code`). */
export const UserErrors = z.array(
  z.object({ field: z.array(z.string()).nullish(), message: z.string(), code: z.string().nullish() }),
);

/** An answer of another shape than Caredesk reads: a person must look (a changed API, a wrong URL). */
export function notReadable(error: z.ZodError): CrmUnavailable {
  return new CrmUnavailable(
    `Shopify's answer is not in the shape Caredesk reads: ${error.issues[0]?.message ?? ''}`,
    false,
  );
}
