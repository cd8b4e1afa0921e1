// Refunds waiting for a lead's approval, read from the cache.
import type { ApiHandlers, ApprovalItem } from '../../../shared/api';
import { CaredeskError, mayApproveRefunds } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import { ordersAwaitingApproval } from '../db/customers';
import type { Db } from '../db/open';
import { getUser } from '../db/people';

interface OrderDeps {
  db: Db;
  requireUser: () => User;
}

export function orderHandlers(deps: OrderDeps): Pick<ApiHandlers, 'orders:approvals'> {
  return {
    'orders:approvals': () => {
      const user = deps.requireUser();
      if (!mayApproveRefunds(user)) {
        throw new CaredeskError('forbidden', 'Refund approvals are for team leads and admins.');
      }
      const items = ordersAwaitingApproval(deps.db, user.teamIds).flatMap(
        ({ order, requestId, customerName }): ApprovalItem[] => {
          const request = order.refundRequests?.find((candidate) => candidate.id === requestId);
          if (!request) return [];
          const requesterName = getUser(deps.db, request.requestedBy)?.name ?? null;
          const { id: orderId, number: orderNumber, currency } = order;
          const conversationId = request.conversationId;
          return [{ conversationId, customerName, orderId, orderNumber, currency, request, requesterName }];
        },
      );
      return Promise.resolve({ items });
    },
  };
}
