import { Draft, itemOf, paymentMethod, type PlaybookContext } from '../draft';
import { askForOrder } from './order-status';

const WRONG = /\bwrong|instead|incorrect|not what i ordered|different (?:item|one|colou?r|size)\b/i;

export function damagedOrWrongItem(ctx: PlaybookContext): Draft[] {
  const order = ctx.order;
  if (!order) return askForOrder(ctx, 'damaged_or_wrong_item.ask_for_order');
  const item = itemOf(ctx, order);
  const wrong = WRONG.test(ctx.text);
  const index = item ? order.lineItems.indexOf(item) : -1;

  const replace = new Draft('damaged_or_wrong_item.replace', ctx);
  const what = item ? `your ${replace.product(order, item.title)}` : 'your item';
  replace.say(
    wrong
      ? `I’m sorry you received the wrong item instead of ${what} from order ${replace.number(order)}.`
      : `I’m sorry ${what} from order ${replace.number(order)} arrived damaged.`,
  );
  if (ctx.policy.photoRequiredForDamage && !wrong) {
    replace.say(
      'Could you send a photo of it and of the box? As soon as I have it, I’ll send a replacement at no cost.',
    );
  } else {
    replace.say('I’ll send a replacement at no cost and email you the confirmation.');
  }
  replace.add('There’s no need to send the other one back.');
  const drafts = [replace];

  if (ctx.policy.replacement === 'replace_or_refund' && item && index >= 0) {
    const refund = new Draft('damaged_or_wrong_item.refund', ctx);
    refund
      .say(`I’m sorry about ${wrong ? 'the mix-up with' : 'the damage to'} your ${refund.product(order, item.title)}.`)
      .say(
        `If you’d rather not wait for a replacement, I can refund ${refund.amount(order, item.unitPriceCents * item.quantity, `lineItems[${index}].unitPriceCents`)} to ${paymentMethod(order)}; just reply "refund".`,
      );
    drafts.push(refund);
  }
  return drafts;
}
