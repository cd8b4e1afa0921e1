import { z } from 'zod';
import { RefundRequest } from '../domain/order-extras';
import { defineCall } from './define';

/** A refund waiting for a lead's approval, with what a lead needs to decide it. */
export const ApprovalItem = z.object({
  conversationId: z.string(),
  customerName: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  currency: z.string(),
  request: RefundRequest,
  requesterName: z.string().nullable(),
});
export type ApprovalItem = z.infer<typeof ApprovalItem>;

/**
 * Refunds of the user's teams waiting for approval, oldest first, from the engine's cache (the
 * orders of the customers of its conversations), so a lead sees them offline too. Leads and
 * admins only (a rep: `forbidden`).
 */
export const ordersApprovals = defineCall('orders:approvals', z.object({}), z.object({ items: z.array(ApprovalItem) }));

export const orderCalls = { [ordersApprovals.name]: ordersApprovals } as const;
