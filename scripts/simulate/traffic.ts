// Who writes and what they say: a deterministic crowd of customers with post-purchase questions.
import { pick, seededRandom } from '../../shared/random';
import { KINDS } from './deliveries';
import type { DeliveryKind, Person } from './deliveries';

const FIRST = ['Maya', 'Tom', 'Priya', 'Lukas', 'Aisha', 'Noah', 'Elena', 'Kenji', 'Sofia', 'Omar', 'Hannah', 'Diego'];
const LAST = ['Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Tanaka', 'Reyes', 'Novak', 'Byrne', 'Costa', 'Weber'];

const LINES = [
  'Hi, where is my order? It was supposed to arrive yesterday.',
  'My parcel says delivered but there is nothing at my door.',
  'Can I still change the delivery address on my order?',
  'The jacket came in the wrong size, how do I exchange it?',
  'I returned the boots two weeks ago, when will I see the refund?',
  'The box arrived crushed and the mug inside is broken.',
  'I was charged twice for the same order, please check.',
  'Any update on my complaint from last week?',
  'Tracking has not moved in 4 days 😤',
  'Please cancel my order, I ordered the wrong colour.',
  'Do you ship to Canada and how long does it take?',
  'Thanks, the replacement arrived and it is perfect!',
  'can u tell me when my stuff is coming lol',
  'The discount code did not apply at checkout.',
  'I sent you the photos of the damage, what happens next?',
];

/** A provider's webhook, or a shopper on the brand's web chat (`webchat.ts`). */
export type SimulatedKind = DeliveryKind | 'webchat';

/** How often each kind comes: messages mostly on SMS, WhatsApp and email; a few status callbacks. */
const WEIGHTS: Record<SimulatedKind, number> = {
  'twilio-sms': 4,
  'twilio-whatsapp': 2,
  'meta-whatsapp': 2,
  'meta-messenger': 2,
  'x-dm': 2,
  postmark: 3,
  'twilio-status': 1,
  webchat: 2,
};

export function crowd(size: number, seed: number): Person[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, index) => {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const n = String(index).padStart(4, '0');
    return {
      name: `${first} ${last}`,
      // 555 numbers are fictional.
      phone: `+1628555${String(100 + (index % 9900)).padStart(4, '0')}`,
      psid: `7${n}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
      xId: `16${n}${String(Math.floor(random() * 1e12)).padStart(12, '0')}`,
      xHandle: `${first.toLowerCase()}_${last.toLowerCase()}${index}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${index}@mail.example`,
    };
  });
}

export interface Next<K extends SimulatedKind = SimulatedKind> {
  kind: K;
  person: Person;
  text: string;
}

/** An endless, deterministic stream of who writes on which channel, among the kinds allowed. */
export function* traffic<K extends SimulatedKind>(
  people: readonly Person[],
  kinds: readonly K[],
  seed: number,
): Generator<Next<K>> {
  const random = seededRandom(seed);
  const all: readonly SimulatedKind[] = [...KINDS, 'webchat'];
  const allowed: readonly SimulatedKind[] = kinds;
  const weighted = all
    .filter((kind): kind is K => allowed.includes(kind))
    .flatMap((kind) => Array.from({ length: WEIGHTS[kind] }, () => kind));
  if (weighted.length === 0) return;
  for (;;) yield { kind: pick(random, weighted), person: pick(random, people), text: pick(random, LINES) };
}
