// Deterministic synthetic data for the benchmark: fast (no faker), same rows on every run.
import type { Change } from '../shared/sync';
import type { Channel, ConversationStatus, Order } from '../shared/domain';
import { seededRandom } from '../shared/random';

/** A change before the log numbers it, each kind keeping its own data type (so a missing field does not compile). */
type Unsequenced = Change extends infer C ? (C extends Change ? Omit<C, 'seq'> : never) : never;

export interface Sizes {
  conversations: number;
  messages: number;
  /** The share of conversations that are open (the rest closed); unset, a mix of every status. */
  openShare?: number;
}

const CHANNELS: Channel[] = ['sms', 'whatsapp', 'x', 'messenger', 'instagram', 'email', 'webchat'];
const STATUSES: ConversationStatus[] = ['open', 'open', 'pending', 'snoozed', 'closed', 'closed', 'closed'];
const FIRST = [
  'Maria',
  'James',
  'Aiko',
  'Lena',
  'Omar',
  'Priya',
  'Lucas',
  'Chloe',
  'Mateo',
  'Fatima',
  'Noah',
  'Ingrid',
  'Kwame',
  'Sofia',
];
const LAST = [
  'Rossi',
  'Smith',
  'Tanaka',
  'Müller',
  'Haddad',
  'Patel',
  'Silva',
  'Martin',
  'García',
  'Khan',
  'Berg',
  'Mensah',
  'Novak',
];

/** Common care words first (drawn more often), then a long tail. */
export const WORDS = (
  'order my the is where parcel delivery refund please thanks hi hello when arrive late still not received ' +
  'tracking number shipped package box damaged broken wrong size colour return exchange label printer ' +
  'kettle toaster blender mixer charger cable headphones jacket shoes dress shirt lamp chair desk mattress pillow ' +
  'payment card charged twice invoice receipt discount code voucher gift cancel cancelled address change ' +
  'warehouse courier ups dhl fedex royal mail postman doorstep neighbour signature weekend monday tuesday ' +
  'wednesday thursday friday tomorrow today yesterday week waiting hours days help urgent asap angry happy ' +
  'great awesome terrible disappointed excellent quick slow support agent manager account password login ' +
  'email phone app website checkout basket stock available restock preorder warranty repair replacement'
).split(' ');

function statusOf(draw: number, openShare: number | undefined): ConversationStatus {
  if (openShare !== undefined) return draw < openShare ? 'open' : 'closed';
  return STATUSES[Math.floor(draw * STATUSES.length)] ?? 'open';
}

function word(random: () => number): string {
  // Skewed towards the head of the list, like real text.
  const i = Math.floor(WORDS.length * random() ** 2.2);
  return WORDS[i] ?? 'order';
}

function sentence(random: () => number, min: number, max: number): string {
  const n = min + Math.floor(random() * (max - min + 1));
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(random() < 0.04 ? `#${1000 + Math.floor(random() * 90000)}` : word(random));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + (random() < 0.3 ? '?' : '.');
}

const TEAMS = 5;
const USERS = 40;
/** The benchmark's signed-in user and their teams. */
export const ME = { id: 'u0', teamIds: ['t0', 't1'] };
/** Every team: a lead over all of them sees every open conversation in the console. */
export const ALL_TEAM_IDS = Array.from({ length: TEAMS }, (_, t) => `t${t}`);
const T0 = 1_700_000_000_000;
const MESSAGE_GAP = 30_000;

/**
 * The first sync as the server's change log would send it, in pages: teams, users, customers,
 * orders, conversations (final state), then messages in time order.
 */
export function* firstSync(sizes: Sizes, pageSize = 1000): Generator<Change[]> {
  const random = seededRandom(42);
  const customers = Math.max(1, Math.floor(sizes.conversations * 0.6));
  // Which conversation each message belongs to, to know each conversation's latest message.
  const convOf = new Int32Array(sizes.messages);
  const lastAt = new Float64Array(sizes.conversations);
  const lastIndex = new Int32Array(sizes.conversations).fill(-1);
  for (let m = 0; m < sizes.messages; m++) {
    const c = Math.floor(random() * sizes.conversations);
    convOf[m] = c;
    lastAt[c] = T0 + m * MESSAGE_GAP;
    lastIndex[c] = m;
  }
  const bodyRandom = seededRandom(7);
  const bodyOf = (m: number) => sentence(seededRandom(m * 2654435761), 5, 24);

  let seq = 0;
  let page: Change[] = [];
  const push = (change: Unsequenced) => {
    page.push({ ...change, seq: ++seq });
  };
  const flush = function* () {
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  };

  for (let t = 0; t < TEAMS; t++) push({ kind: 'team', data: { id: `t${t}`, name: `Team ${t}` } });
  for (let u = 0; u < USERS; u++) {
    const teamIds = u === 0 ? ME.teamIds : [`t${u % TEAMS}`];
    push({
      kind: 'user',
      data: { id: `u${u}`, name: `Rep ${u}`, email: `rep${u}@caredesk.test`, role: 'rep', teamIds },
    });
  }
  yield* flush();
  for (let k = 0; k < customers; k++) {
    const name = `${FIRST[k % FIRST.length] ?? 'Alex'} ${LAST[Math.floor(k / FIRST.length) % LAST.length] ?? 'Doe'}`;
    const handle = `${name.split(' ')[0]?.toLowerCase() ?? 'x'}_${k}`;
    push({
      kind: 'customer',
      data: {
        id: `cu${k}`,
        name,
        email: `${handle}@mail.test`,
        createdAt: T0 - 86_400_000,
        identities: [
          { id: `cu${k}-x`, customerId: `cu${k}`, channel: 'x', value: handle, display: `@${handle}` },
          {
            id: `cu${k}-sms`,
            customerId: `cu${k}`,
            channel: 'sms',
            value: `+1415${String(k).padStart(7, '0')}`,
            display: `+1 415 ${String(k).padStart(7, '0')}`,
          },
          {
            id: `cu${k}-mail`,
            customerId: `cu${k}`,
            channel: 'email',
            value: `${handle}@mail.test`,
            display: `${handle}@mail.test`,
          },
        ],
      },
    });
    yield* flush();
    const orders = 1 + Math.floor(bodyRandom() * 3);
    for (let o = 0; o < orders; o++) {
      push({ kind: 'order', data: order(`o${k}-${o}`, `cu${k}`, 1000 + k * 3 + o, bodyRandom) });
      yield* flush();
    }
  }
  for (let c = 0; c < sizes.conversations; c++) {
    const at = lastIndex[c] === -1 ? T0 : (lastAt[c] ?? T0);
    const assignee = bodyRandom() < 0.5 ? null : `u${Math.floor(bodyRandom() * USERS)}`;
    push({
      kind: 'conversation',
      data: {
        id: `c${c}`,
        teamId: `t${c % TEAMS}`,
        customerId: `cu${c % customers}`,
        channel: CHANNELS[c % CHANNELS.length] ?? 'sms',
        subject: null,
        status: statusOf(bodyRandom(), sizes.openShare),
        assigneeId: assignee,
        createdAt: T0,
        lastMessageAt: at,
        lastMessagePreview: lastIndex[c] === -1 ? '' : bodyOf(lastIndex[c] ?? 0).slice(0, 200),
        waitingSince: bodyRandom() < 0.4 ? at : null,
        tags: [],
        snoozedUntil: null,
      },
    });
    yield* flush();
  }
  for (let m = 0; m < sizes.messages; m++) {
    const c = convOf[m] ?? 0;
    const inbound = m % 3 !== 2;
    push({
      kind: 'message',
      data: {
        id: `m${m}`,
        conversationId: `c${c}`,
        channel: CHANNELS[c % CHANNELS.length] ?? 'sms',
        direction: inbound ? 'inbound' : 'outbound',
        authorId: inbound ? null : `u${m % USERS}`,
        body: bodyOf(m),
        createdAt: T0 + m * MESSAGE_GAP,
        status: inbound ? 'received' : 'delivered',
        clientId: inbound ? null : `client-${m}`,
      },
    });
    yield* flush();
  }
  if (page.length > 0) yield page;
}

function order(id: string, customerId: string, number: number, random: () => number): Order {
  const unit = 500 + Math.floor(random() * 20_000);
  const quantity = 1 + Math.floor(random() * 3);
  const subtotal = unit * quantity;
  const placedAt = T0 - Math.floor(random() * 200) * 86_400_000;
  return {
    id,
    customerId,
    number: `#${number}`,
    placedAt,
    status: random() < 0.1 ? 'cancelled' : 'fulfilled',
    currency: 'USD',
    subtotalCents: subtotal,
    shippingCents: 499,
    taxCents: Math.round(subtotal * 0.08),
    totalCents: subtotal + 499 + Math.round(subtotal * 0.08),
    lineItems: [{ sku: `SKU-${number}`, title: word(random), quantity, unitPriceCents: unit }],
    payments: [{ id: `${id}-p`, method: 'card', amountCents: subtotal, status: 'captured', processedAt: placedAt }],
    shipments: [
      {
        id: `${id}-s`,
        carrier: 'UPS',
        trackingNumber: `1Z${number}`,
        trackingUrl: `https://track.test/1Z${number}`,
        status: 'delivered',
        shippedAt: placedAt + 86_400_000,
        estimatedDelivery: placedAt + 3 * 86_400_000,
        deliveredAt: placedAt + 3 * 86_400_000,
        events: [
          {
            at: placedAt + 86_400_000,
            status: 'in_transit',
            location: 'Louisville, KY',
            description: 'Departed facility',
          },
        ],
      },
    ],
    returns: [],
    refunds:
      random() < 0.1
        ? [{ id: `${id}-r`, amountCents: 1000, reason: 'late', createdAt: placedAt + 5 * 86_400_000 }]
        : [],
  };
}
