import { z } from 'zod';
import { checkUnshipped, formatAddress, validAddress } from '../../domain/order-rules';
import { storableText } from '../text';
import { defineOrderAction, onOrder } from './order-define';

const Text = (max: number) => storableText(z.string().max(max));

/** The address a rep types: checked in full by `validAddress` (lines, city, postcode, country code). */
export const AddressInput = z.object({
  name: Text(200).optional(),
  lines: z.array(Text(200)).min(1).max(3),
  city: Text(200),
  region: Text(100).optional(),
  postcode: Text(20),
  country: Text(2),
});

/** Changes where an order not yet shipped is delivered. */
export const ChangeOrderAddressAction = z.object({
  type: z.literal('changeOrderAddress'),
  ...onOrder,
  address: AddressInput,
});
export type ChangeOrderAddressAction = z.infer<typeof ChangeOrderAddressAction>;

export const changeOrderAddress = defineOrderAction<ChangeOrderAddressAction>(
  ChangeOrderAddressAction,
  (order, action, ctx) => {
    checkUnshipped(order, 'have its address changed');
    const address = { ...validAddress(action.address), changedAt: ctx.now, changedBy: ctx.actor.id };
    return {
      order: { ...order, shippingAddress: address },
      event: `Changed the delivery address of ${order.number} to ${formatAddress(address)}`,
    };
  },
  () => 'Change the delivery address',
);
