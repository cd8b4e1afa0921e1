import type { Intent } from '../../triage/taxonomy';
import { Draft, itemOf, type PlaybookContext } from '../draft';

/** Intents no record can answer: say what the rep will find out, and by when. */
export function acknowledge(ctx: PlaybookContext, intent: Intent): Draft[] {
  const d = new Draft(`${intent}.acknowledge`, ctx);
  const order = ctx.order;
  switch (intent) {
    case 'praise':
      d.say('Thank you so much for the kind words!').add('I’ll pass them on to the team.');
      return [d];
    case 'product_question': {
      const named = ctx.entities.products[0];
      const item = order && named ? itemOf(ctx, order) : null;
      d.say(
        `Thanks for your question${item && order ? ` about your ${d.product(order, item.title)}` : ''}! I’m checking with our product team and will get back to you by ${d.followUp()}.`,
      );
      return [d];
    }
    case 'account_access':
      d.say('I’m sorry you can’t get into your account.')
        .say(`I’m checking what’s blocking it and will get back to you by ${d.followUp()}.`)
        .add('Please never send your password here.');
      return [d];
    case 'complaint_other':
      d.say('I’m sorry about this, and thank you for telling us.').say(
        `I’m looking into what happened and will get back to you by ${d.followUp()}.`,
      );
      return [d];
    default:
      d.say('Thanks for getting in touch.').say(`I’m looking into this and will get back to you by ${d.followUp()}.`);
      return [d];
  }
}
