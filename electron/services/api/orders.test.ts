import { describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../../shared/domain';
import { applyChanges } from '../db/changes';
import { openCache } from '../db/open';
import { changes, conversation, customer, order, team, user, userData } from '../testing/fixtures';
import { orderHandlers } from './orders';

function request(
  id: string,
  conversationId: string,
  status: RefundRequest['status'],
  requestedAt: number,
): RefundRequest {
  return {
    id,
    conversationId,
    amountCents: 8000,
    reason: 'damaged',
    note: '',
    requestedBy: 'rep1',
    requestedAt,
    status,
  };
}

describe('orders:approvals', () => {
  const db = openCache(':memory:');
  applyChanges(
    db,
    changes(
      team('t1'),
      team('t2'),
      user('rep1', { name: 'Ana' }),
      customer('cu1'),
      conversation('c1', { teamId: 't1', customerId: 'cu1' }),
      conversation('c2', { teamId: 't2', customerId: 'cu1' }),
      order('o1', {
        customerId: 'cu1',
        refundRequests: [
          request('r-later', 'c1', 'awaiting_approval', 300),
          request('r-done', 'c1', 'approved', 100),
          request('r-other-team', 'c2', 'awaiting_approval', 100),
        ],
      }),
      order('o2', { customerId: 'cu1', refundRequests: [request('r-first', 'c1', 'awaiting_approval', 200)] }),
    ),
  );
  const approvals = (role: 'rep' | 'lead') =>
    orderHandlers({ db, requireUser: () => userData('me', { role, teamIds: ['t1'] }) })['orders:approvals']({});

  it('is refused to reps', () => {
    expect(() => approvals('rep')).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it("lists the refunds waiting on conversations of the lead's teams, oldest first, with who asked", async () => {
    const { items } = await approvals('lead');
    expect(items.map((item) => [item.request.id, item.orderId, item.conversationId, item.requesterName])).toEqual([
      ['r-first', 'o2', 'c1', 'Ana'],
      ['r-later', 'o1', 'c1', 'Ana'],
    ]);
  });
});
