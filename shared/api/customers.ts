import { z } from 'zod';
import { CustomerErasureResponse } from '../sync/http';
import { CustomerHit, CustomerRecord, CustomerSearchRequest, MergePreview, MergePreviewRequest } from '../sync/lookups';
import { defineCall } from './define';

/**
 * Customers beyond the rep's conversations, looked up on the server (shared/sync/lookups.ts).
 * Offline a search fails with `server_unreachable`; a customer opened before answers from the
 * cache, saying so and when it was fetched.
 */
export const customersSearch = defineCall(
  'customers:search',
  CustomerSearchRequest,
  z.object({ hits: z.array(CustomerHit) }),
);

export const OpenedCustomer = z.object({
  record: CustomerRecord,
  /** `cache`: the server could not be reached; this is the copy from `fetchedAt`. */
  source: z.enum(['server', 'cache']),
  fetchedAt: z.number().int(),
});
export type OpenedCustomer = z.infer<typeof OpenedCustomer>;

export const customersGet = defineCall(
  'customers:get',
  z.object({ customerId: z.string().min(1).max(128) }),
  OpenedCustomer,
);

/** The customer a merge would leave (server only: offline it fails with `server_unreachable`). */
export const customersMergePreview = defineCall('customers:merge-preview', MergePreviewRequest, MergePreview);

/**
 * An admin erases a customer on the server (server README "Erasure"), typing their name to confirm.
 * Others are refused `forbidden` without asking; offline it fails with `server_unreachable`.
 */
export const customersErase = defineCall(
  'customers:erase',
  z.object({ customerId: z.string().min(1).max(128), confirmName: z.string().max(200) }),
  CustomerErasureResponse,
);

export const customerCalls = {
  [customersErase.name]: customersErase,
  [customersSearch.name]: customersSearch,
  [customersGet.name]: customersGet,
  [customersMergePreview.name]: customersMergePreview,
} as const;
