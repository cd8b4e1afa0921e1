import { z } from 'zod';
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

export const customerCalls = {
  [customersSearch.name]: customersSearch,
  [customersGet.name]: customersGet,
  [customersMergePreview.name]: customersMergePreview,
} as const;
