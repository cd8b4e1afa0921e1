import type { ConversationDetail } from '../../../../shared/api';
import type { FillContext } from '../../../../shared/canned';
import type { User } from '../../../../shared/domain';

/** What the variables of a canned resolution are filled from: the conversation on screen and the rep. */
export function fillContextOf(detail: ConversationDetail, rep: Pick<User, 'name'> | null, now: number): FillContext {
  const latestInbound = detail.messages.filter((message) => message.direction === 'inbound').at(-1);
  return { customer: detail.customer, orders: detail.orders, about: latestInbound?.body ?? '', rep, now };
}
