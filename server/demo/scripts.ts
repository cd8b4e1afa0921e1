import type { Faker } from '@faker-js/faker';
import type { Channel } from '../../shared/domain/channels';
import { BRAND, BRAND_WHATSAPP, BRAND_X_HANDLE, TRAILS } from './catalog';
import { formatAmount, formatDay } from './format';
import { refundFor } from './orders';
import type { Intent, OrderFacts } from './orders';
import type { DemoCustomer } from './people';

export interface Turn {
  direction: 'inbound' | 'outbound';
  body: string;
  /** Set on turns of a conversation that moved channel (e.g. X, then WhatsApp). */
  channel?: Channel;
}

interface ScriptInput {
  faker: Faker;
  intent: Intent;
  facts: OrderFacts;
  person: DemoCustomer;
  repFirstName: string;
  /** The first message's time; dates in the text are read from the order facts. */
  t0: number;
}

const inbound = (body: string): Turn => ({ direction: 'inbound', body });
const outbound = (body: string): Turn => ({ direction: 'outbound', body });

/** Short item name: "Summit Shell Rain Jacket" from "Summit Shell Rain Jacket, Forest / M". */
function itemName(title: string): string {
  return title.split(',')[0] ?? title;
}

/** The whole exchange for an intent, inbound first, alternating; callers take a prefix. */
export function script(input: ScriptInput): Turn[] {
  const { faker, intent, facts, person } = input;
  const { order, item, shipment } = facts;
  const pick = (...options: string[]) => faker.helpers.arrayElement(options);
  const day = (at: number) => formatDay(at, person.country, person.place.timeZone);
  const money = (cents: number) => formatAmount(cents, order.currency);
  const first = person.firstName;
  const name = itemName(item.title);
  const num = order.number;
  const track = shipment ? `${shipment.carrier} tracking ${shipment.trackingNumber}` : '';
  const lastEvent = shipment?.events[shipment.events.length - 1];
  const payment = order.payments[0];

  switch (intent) {
    case 'where_is_order':
      return [
        inbound(
          pick(
            `Hi, where is my order ${num}? I ordered it ${day(order.placedAt)} and haven't seen it yet.`,
            `Any update on order ${num}? Need the ${name} before my trip.`,
            `hey, my order ${num} hasn't shown up, can you check where it is?`,
            `Hello! Could you tell me when order ${num} will arrive?`,
          ),
        ),
        outbound(
          `Hi ${first}, thanks for reaching out! Order ${num} left our warehouse on ${day(shipment?.shippedAt ?? order.placedAt)} with ${track}` +
            ` and is due ${day(shipment?.estimatedDelivery ?? order.placedAt)}. You can follow it here: ${shipment?.trackingUrl ?? ''}`,
        ),
        inbound(
          pick('Perfect, thank you!', 'Great, thanks so much.', 'Ok thanks! Will keep an eye on it.', 'Awesome 🙌'),
        ),
        outbound(
          pick(
            `You're welcome, ${first}! Enjoy the ${name}.`,
            `Happy to help, ${first}. Anything else, just reply here.`,
          ),
        ),
      ];
    case 'late_delivery':
      return [
        inbound(
          pick(
            `My order ${num} was supposed to arrive ${day(shipment?.estimatedDelivery ?? order.placedAt)} and it's still not here.`,
            `Order ${num} is late. Tracking hasn't moved in days. I need the ${name} for this weekend!`,
            `Still waiting on ${num}... it said ${day(shipment?.estimatedDelivery ?? order.placedAt)}. What's going on?`,
          ),
        ),
        outbound(
          `I'm sorry, ${first}. ${shipment?.carrier ?? 'The carrier'} last scanned order ${num} (tracking ${shipment?.trackingNumber ?? ''})` +
            ` at ${lastEvent?.location ?? 'their facility'} on ${day(lastEvent?.at ?? order.placedAt)}: "${lastEvent?.description ?? 'in transit'}".` +
            ` I've opened a trace with ${shipment?.carrier ?? 'them'} and I'll update you within 24 hours.`,
        ),
        inbound(
          pick(
            'If it doesn’t show up soon can you send a replacement?',
            'Ok. Can you just send another one if it is lost?',
            'Thanks. This is really frustrating.',
          ),
        ),
        outbound(
          `Absolutely. If ${num} hasn't arrived in 2 days, I'll send a replacement ${name} with express shipping at no cost, and you won't need to send anything back.`,
        ),
        inbound(pick('Thank you, appreciate it.', 'Ok, fingers crossed.', 'Sounds good.')),
      ];
    case 'damaged_item':
      return [
        inbound(
          pick(
            `The ${name} from order ${num} arrived with a ${pick('torn seam', 'broken zipper', 'stain on the sleeve', 'hole in the fabric')}. Really disappointed.`,
            `Hi, my ${name} (order ${num}) came damaged. What can I do?`,
          ),
        ),
        outbound(
          `I'm so sorry about that, ${first}. Could you send a photo of the damage? Then I'll set up a free replacement for order ${num}.`,
        ),
        inbound(pick('Here you go [photo attached]', 'Sent the photo just now 📷', 'Attached a picture.')),
        outbound(
          `Thanks, ${first}. I've approved a replacement ${item.title} and emailed a prepaid return label to ${person.customer.email ?? 'you'} for the damaged one. The new one ships within 1 business day.`,
        ),
        inbound(pick('Great, thanks for sorting it so fast!', 'Thank you!')),
      ];
    case 'return_request':
      return [
        inbound(
          pick(
            `Hi, I'd like to return the ${name} from order ${num}, it ${pick('runs small', 'is too big', "doesn't fit right", 'looks different in person')}.`,
            `How do I return something? It's the ${name} from ${num}.`,
          ),
        ),
        outbound(
          `No problem, ${first}. Order ${num} was delivered ${day(shipment?.deliveredAt ?? order.placedAt)}, so it's well within our 30-day window.` +
            ` I've emailed a prepaid return label to ${person.customer.email ?? 'you'}. Once we receive it you'll get ${money(refundFor(order, item))} back to your ${payment?.method ?? 'original payment method'}.`,
        ),
        ...faker.helpers.arrayElement([
          [
            inbound('Do I need the original packaging?'),
            outbound('Any sturdy bag or box works, no original packaging needed.'),
          ],
          [
            inbound('Can I drop it off anywhere?'),
            outbound(`Any ${shipment?.carrier ?? 'carrier'} drop-off point works with that label.`),
          ],
          [
            inbound('Thanks! How long does the refund take?'),
            outbound('Refunds go out within 2 business days of the return reaching us, then 3–5 days for your bank.'),
          ],
        ]),
        inbound(pick('Perfect, thanks.', 'Great 👍')),
      ];
    case 'refund_status': {
      const ret = order.returns[0];
      const refund = order.refunds[0];
      return [
        inbound(
          pick(
            `I sent back the ${name} from order ${num} a while ago. When do I get my refund?`,
            `Where is my refund for ${num}? The return was delivered to you.`,
          ),
        ),
        outbound(
          refund
            ? `Hi ${first}, your refund of ${money(refund.amountCents)} for order ${num} went out ${day(refund.createdAt)} to your ${payment?.method ?? 'original payment method'}. Banks usually take 3–5 business days to show it.`
            : `Hi ${first}, we received your return for order ${num} on ${day(ret?.createdAt ?? order.placedAt)}. Your refund of ${money(refundFor(order, item))} will be issued within 2 business days; I've flagged it as a priority.`,
        ),
        inbound(pick('Ok, thanks for checking.', 'Thanks!', 'Got it.')),
      ];
    }
    case 'praise':
      return [
        inbound(
          pick(
            `Just got my ${name} (order ${num}) and it's perfect. Wore it up ${faker.helpers.arrayElement(TRAILS)} yesterday!`,
            `Shoutout to ${BRAND}: order ${num} arrived early and the ${name} is fantastic.`,
            `Love the ${name}! Best purchase this year. Order ${num}, if you want to tell the team 😄`,
          ),
        ),
        outbound(
          pick(
            `That's wonderful to hear, ${first}! Thanks for sharing, and enjoy the trails.`,
            `Made our day, ${first}! I'll pass it on to the team. 🏔️`,
          ),
        ),
        inbound(pick('Will do!', '🙌', 'Thanks!')),
      ];
    case 'billing_double_charge':
      return [
        inbound(
          `I was charged twice for order ${num}: two charges of ${money(order.totalCents)} on my ${payment?.method ?? 'card'}.`,
        ),
        outbound(
          `You're right, ${first}, and I'm sorry. I see a duplicate charge of ${money(order.totalCents)} on ${day(payment?.processedAt ?? order.placedAt)}. I've refunded the duplicate; it takes 3–5 business days to appear.`,
        ),
        inbound(pick('Thanks for fixing it quickly.', 'Ok, thank you.')),
      ];
    case 'billing_card_declined':
      return [
        inbound(
          pick(
            `My payment for order ${num} keeps failing. The card works everywhere else.`,
            `Why was my payment declined for ${num}?`,
          ),
        ),
        outbound(
          `Hi ${first}, the payment of ${money(order.totalCents)} for order ${num} on ${day(payment?.processedAt ?? order.placedAt)} was declined by the card issuer, so the order is on hold.` +
            ` I've emailed a secure link to ${person.customer.email ?? 'you'} to retry with another card or PayPal; your items stay reserved for 48 hours.`,
        ),
        inbound(pick('Ok, will try again tonight.', 'Thanks, done!')),
      ];
    case 'billing_invoice':
      return [
        inbound(
          pick(
            `Could I get an invoice for order ${num}? Need it for expenses.`,
            `Please send a receipt with ${person.country === 'GB' ? 'VAT' : 'tax'} shown for order ${num}.`,
          ),
        ),
        outbound(
          `Of course, ${first}. I've emailed the invoice for order ${num} (${money(order.totalCents)}, including ${money(order.taxCents)} ${person.country === 'GB' ? 'VAT' : 'tax'}) to ${person.customer.email ?? 'you'}.`,
        ),
        inbound('Got it, thanks!'),
      ];
  }
}

/** Opens on X in public, moves to WhatsApp for the order details. */
export function crossChannelScript(input: ScriptInput): Turn[] {
  const rest = script(input);
  const { order } = input.facts;
  const [opening, ...tail] = rest;
  return [
    {
      direction: 'inbound',
      channel: 'x',
      body: `${BRAND_X_HANDLE} my order ${order.number} still isn't here. Not impressed.`,
    },
    {
      direction: 'outbound',
      channel: 'x',
      body: `Sorry to hear that! Please message us on WhatsApp at ${BRAND_WHATSAPP} with your order number and we'll look into it right away.`,
    },
    { direction: 'inbound', channel: 'whatsapp', body: `Hi, messaged you on X. ${opening?.body ?? ''}` },
    ...tail.map((turn): Turn => ({ ...turn, channel: 'whatsapp' })),
  ];
}

export function subjectFor(intent: Intent, orderNumber: string): string {
  switch (intent) {
    case 'where_is_order':
      return `Where is order ${orderNumber}?`;
    case 'late_delivery':
      return `Order ${orderNumber} is late`;
    case 'damaged_item':
      return `Damaged item in order ${orderNumber}`;
    case 'return_request':
      return `Return for order ${orderNumber}`;
    case 'refund_status':
      return `Refund for order ${orderNumber}`;
    case 'praise':
      return 'Thank you!';
    case 'billing_double_charge':
      return `Charged twice for ${orderNumber}`;
    case 'billing_card_declined':
      return `Payment declined for ${orderNumber}`;
    case 'billing_invoice':
      return `Invoice request: ${orderNumber}`;
  }
}

/** Email replies get a sign-off; chat replies do not. */
export function signOff(body: string, channel: Channel, repFirstName: string): string {
  return channel === 'email' ? `${body}\n\nBest,\n${repFirstName}\n${BRAND}` : body;
}
