import { base, en, en_GB, en_US, Faker } from '@faker-js/faker';
import type { Channel } from '../../shared/domain/channels';
import type {
  Conversation,
  ConversationStatus,
  Customer,
  Message,
  Order,
  Team,
  User,
} from '../../shared/domain/entities';
import { previewOf } from '../../shared/domain/preview';
import { Counters, DAY, makeOrderForIntent, makePastOrder } from './orders';
import type { Intent } from './orders';
import { addIdentity, IdentityRegistry, makeCustomer } from './people';
import type { DemoCustomer } from './people';
import { crossChannelScript, script, signOff, subjectFor } from './scripts';
import type { Turn } from './scripts';

export const DEMO_PASSWORD = 'caredesk-demo';
export const DEMO_EMAIL_DOMAIN = '@northwind.example';
export const DEMO_DEFAULT_CONVERSATIONS = 500;
const DEMO_MAX_CONVERSATIONS = 100_000;

export const DEMO_TEAMS = {
  orders: { id: 'team-orders', name: 'Orders & Delivery' },
  returns: { id: 'team-returns', name: 'Returns & Refunds' },
  billing: { id: 'team-billing', name: 'Billing & Accounts' },
} as const satisfies Record<string, Team>;
type TeamKey = keyof typeof DEMO_TEAMS;
const ALL_TEAMS: TeamKey[] = ['orders', 'returns', 'billing'];

/** rep01 works two queues so a demo sign-in shows a busy, mixed inbox. */
const REP_TEAMS: readonly TeamKey[][] = [
  ['orders', 'returns'],
  ['orders'],
  ['orders'],
  ['orders'],
  ['orders'],
  ['orders', 'billing'],
  ['returns'],
  ['returns'],
  ['returns'],
  ['returns', 'billing'],
  ['billing'],
  ['billing'],
];

const INTENTS: Record<TeamKey, { weight: number; value: Intent }[]> = {
  orders: [
    { weight: 45, value: 'where_is_order' },
    { weight: 35, value: 'late_delivery' },
    { weight: 20, value: 'praise' },
  ],
  returns: [
    { weight: 30, value: 'damaged_item' },
    { weight: 40, value: 'return_request' },
    { weight: 30, value: 'refund_status' },
  ],
  billing: [
    { weight: 40, value: 'billing_double_charge' },
    { weight: 30, value: 'billing_card_declined' },
    { weight: 30, value: 'billing_invoice' },
  ],
};

const CHANNEL_WEIGHTS: { weight: number; value: Channel }[] = [
  { weight: 20, value: 'sms' },
  { weight: 20, value: 'whatsapp' },
  { weight: 20, value: 'email' },
  { weight: 12, value: 'x' },
  { weight: 13, value: 'messenger' },
  { weight: 15, value: 'instagram' },
];

const NUDGES = ['Hello? Any update?', '?', 'Anyone there?', 'Following up on this.', 'Still waiting to hear back…'];

export interface GenerateOptions {
  seed?: number;
  /** Default 500, at most 100 000. */
  conversations?: number;
  /** Epoch ms the demo is anchored to: every conversation's last message is shortly before it. */
  now: number;
}

export interface DemoData {
  teams: Team[];
  users: User[];
  customers: Customer[];
  orders: Order[];
  conversations: Conversation[];
  messages: Message[];
}

export interface DemoCredential {
  email: string;
  password: string;
  role: User['role'];
  teams: string[];
}

/** A whole fictional organisation, identical for the same options. */
/** One customer known only to the records (no conversation) per this many conversations. */
const RECORDS_ONLY_EVERY = 10;

export function generateDemo(options: GenerateOptions): DemoData {
  const count = options.conversations ?? DEMO_DEFAULT_CONVERSATIONS;
  if (!Number.isInteger(count) || count < 0 || count > DEMO_MAX_CONVERSATIONS) {
    throw new RangeError(`conversations must be an integer from 0 to ${DEMO_MAX_CONVERSATIONS}`);
  }
  const seed = options.seed ?? 1;
  const now = options.now;
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(seed);
  const fakerGB = new Faker({ locale: [en_GB, en, base] });
  fakerGB.seed(seed + 7919);

  const teams: Team[] = ALL_TEAMS.map((key) => ({ ...DEMO_TEAMS[key] }));
  const users = makeUsers(faker);
  const repsByTeam = new Map<string, User[]>(
    teams.map((team) => [team.id, users.filter((user) => user.role === 'rep' && user.teamIds.includes(team.id))]),
  );

  const counters = new Counters();
  const registry = new IdentityRegistry();
  const people: DemoCustomer[] = [];
  const orders: Order[] = [];
  const conversations: Conversation[] = [];
  const messages: Message[] = [];

  for (let i = 0; i < count; i++) {
    const teamKey = faker.helpers.weightedArrayElement([
      { weight: 50, value: 'orders' as const },
      { weight: 30, value: 'returns' as const },
      { weight: 20, value: 'billing' as const },
    ]);
    const team = DEMO_TEAMS[teamKey];
    const intent = faker.helpers.weightedArrayElement(INTENTS[teamKey]);
    const unassigned = faker.number.float() < 0.3;
    const crossChannel =
      !unassigned && (intent === 'where_is_order' || intent === 'late_delivery') && faker.number.float() < 0.06;
    let channel: Channel = crossChannel ? 'whatsapp' : faker.helpers.weightedArrayElement(CHANNEL_WEIGHTS);

    // Who writes: a returning customer now and then, otherwise someone new.
    const returning = people.length > 0 && faker.number.float() < 0.12;
    const person = returning
      ? faker.helpers.arrayElement(people)
      : makeCustomer(faker, fakerGB, registry, counters.id('cus', 6), 0);
    if (!returning) people.push(person);
    // A customer who texted before writes on WhatsApp now (or the other way round): one number, both channels.
    const phone = person.customer.identities.find((identity) => identity.kind === 'phone');
    if (returning && !crossChannel && phone && (channel === 'sms' || channel === 'whatsapp'))
      channel = phone.channel === 'sms' ? 'whatsapp' : 'sms';
    const channels: Channel[] = crossChannel ? ['x', 'whatsapp'] : [channel];
    if (channels.some((c) => addIdentity(faker, registry, person, c) === null)) {
      // No free number in the person's fictional range: they write by email instead.
      channel = 'email';
      addIdentity(faker, registry, person, 'email');
    }
    const spansChannels = crossChannel && channel === 'whatsapp';
    // A few more ways to reach the customer, as real records accumulate.
    if (!returning && faker.number.float() < 0.5)
      addIdentity(faker, registry, person, faker.helpers.weightedArrayElement(CHANNEL_WEIGHTS));
    if (!returning) addIdentity(faker, registry, person, 'email');

    // Shape of the exchange: how many turns, and whether the customer has the last word.
    const length = scriptLength(intent) + (spansChannels ? 2 : 0);
    const assignee = unassigned ? null : faker.helpers.arrayElement(repsByTeam.get(team.id) ?? []);
    let turns: number;
    if (assignee === null) turns = 1;
    else {
      const minimum = spansChannels ? 3 : 1;
      const lastInbound = faker.number.float() < 0.5;
      const options = range(minimum, length).filter((k) => (k % 2 === 1) === lastInbound);
      turns = options.length > 0 ? faker.helpers.arrayElement(options) : length;
    }
    // A customer who got no answer at all sometimes writes again.
    const nudge = turns === 1 && faker.number.float() < 0.25;

    const directions: Turn['direction'][] = range(1, turns).map((k) => (k % 2 === 1 ? 'inbound' : 'outbound'));
    if (nudge) directions.push('inbound');
    const times = timeline(faker, now, directions);
    const t0 = times[0] ?? now;

    const facts = makeOrderForIntent(faker, counters, person, intent, t0, turns >= 2);
    if (!returning) {
      const past = faker.helpers.weightedArrayElement([
        { weight: 5, value: 0 },
        { weight: 3, value: 1 },
        { weight: 2, value: 2 },
      ]);
      for (let p = 0; p < past; p++) orders.push(makePastOrder(faker, counters, person, facts.order.placedAt));
      const earliest = Math.min(facts.order.placedAt, ...orders.slice(orders.length - past).map((o) => o.placedAt));
      person.customer.createdAt = earliest - faker.number.int({ min: 1, max: 60 }) * DAY;
    }
    orders.push(facts.order);

    const repFirstName = assignee?.name.split(' ')[0] ?? 'Sam';
    const input = { faker, intent, facts, person, repFirstName, t0 };
    const full = spansChannels ? crossChannelScript(input) : script(input);
    const exchange = full.slice(0, turns);
    if (nudge)
      exchange.push({
        direction: 'inbound',
        body: faker.helpers.arrayElement(NUDGES),
        ...(spansChannels ? { channel: 'whatsapp' as const } : {}),
      });

    const conversationId = counters.id('conv', 6);
    const conversationMessages = exchange.map((turn, index): Message => {
      const at = times[index] ?? now;
      const messageChannel = turn.channel ?? channel;
      const last = index === exchange.length - 1;
      return {
        id: counters.id('msg', 8),
        conversationId,
        channel: messageChannel,
        direction: turn.direction,
        authorId: turn.direction === 'outbound' ? (assignee?.id ?? null) : null,
        body: turn.direction === 'outbound' ? signOff(turn.body, messageChannel, repFirstName) : turn.body,
        createdAt: at,
        status: turn.direction === 'inbound' ? 'received' : last ? 'sent' : 'delivered',
        clientId: null,
      };
    });
    messages.push(...conversationMessages);

    const lastMessage = conversationMessages[conversationMessages.length - 1];
    const lastInboundMessage = [...conversationMessages].reverse().find((m) => m.direction === 'inbound');
    const status = statusFor(faker, lastMessage?.direction ?? 'inbound', assignee === null);
    const lastAt = lastMessage?.createdAt ?? t0;
    conversations.push({
      id: conversationId,
      teamId: team.id,
      customerId: person.customer.id,
      channel: lastInboundMessage?.channel ?? channel,
      subject: channel === 'email' ? subjectFor(intent, facts.order.number) : null,
      status,
      assigneeId: assignee?.id ?? null,
      createdAt: t0,
      lastMessageAt: lastAt,
      lastMessagePreview: previewOf(lastMessage?.body ?? ''),
      waitingSince: waitingSince(conversationMessages),
      tags: [],
      // Snoozed for two days after the last message; the server wakes those already past.
      snoozedUntil: status === 'snoozed' ? lastAt + 2 * 24 * 60 * 60 * 1000 : null,
    });
  }

  // Customers only the records know: they bought and never wrote. Search finds them, and a message
  // quoting one of their orders suggests them (or links a new sender on strong evidence).
  for (let i = 0; i < Math.ceil(count / RECORDS_ONLY_EVERY); i++) {
    const person = makeCustomer(faker, fakerGB, registry, counters.id('cus', 6), 0);
    addIdentity(faker, registry, person, 'email');
    if (faker.number.float() < 0.5)
      addIdentity(faker, registry, person, faker.helpers.arrayElement(['sms', 'whatsapp']));
    const bought = range(1, faker.number.int({ min: 1, max: 3 })).map(() =>
      makePastOrder(faker, counters, person, now),
    );
    person.customer.createdAt =
      Math.min(...bought.map((o) => o.placedAt)) - faker.number.int({ min: 1, max: 60 }) * DAY;
    people.push(person);
    orders.push(...bought);
  }

  const customers = people.map(({ customer }) => ({
    ...customer,
    // Known since the customer's record was made (its creation time is settled above).
    identities: customer.identities.map((identity) => ({ ...identity, linkedAt: customer.createdAt })),
  }));
  return { teams, users, customers, orders, conversations, messages };
}

function makeUsers(faker: Faker): User[] {
  const everyTeam = ALL_TEAMS.map((key) => DEMO_TEAMS[key].id);
  const name = () => `${faker.person.firstName()} ${faker.person.lastName()}`;
  const reps = REP_TEAMS.map((keys, index): User => {
    const n = String(index + 1).padStart(2, '0');
    return {
      id: `user-rep${n}`,
      name: name(),
      email: `rep${n}${DEMO_EMAIL_DOMAIN}`,
      role: 'rep',
      teamIds: keys.map((key) => DEMO_TEAMS[key].id).sort(),
    };
  });
  const leads = [1, 2].map((index): User => {
    const n = String(index).padStart(2, '0');
    return {
      id: `user-lead${n}`,
      name: name(),
      email: `lead${n}${DEMO_EMAIL_DOMAIN}`,
      role: 'lead',
      teamIds: [...everyTeam].sort(),
    };
  });
  const admin: User = {
    id: 'user-admin',
    name: name(),
    email: `admin${DEMO_EMAIL_DOMAIN}`,
    role: 'admin',
    teamIds: [...everyTeam].sort(),
  };
  return [...reps, ...leads, admin];
}

/** The sign-in details a launcher prints. */
export function demoCredentials(data: Pick<DemoData, 'users' | 'teams'>): DemoCredential[] {
  const teamName = new Map(data.teams.map((team) => [team.id, team.name]));
  return data.users.map((user) => ({
    email: user.email,
    password: DEMO_PASSWORD,
    role: user.role,
    teams: user.teamIds.map((id) => teamName.get(id) ?? id),
  }));
}

function scriptLength(intent: Intent): number {
  switch (intent) {
    case 'where_is_order':
      return 4;
    case 'late_delivery':
    case 'damaged_item':
    case 'return_request':
      return 5;
    case 'refund_status':
    case 'praise':
    case 'billing_double_charge':
    case 'billing_card_declined':
    case 'billing_invoice':
      return 3;
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k++) out.push(k);
  return out;
}

/** Message times ending shortly before `now`: reps answer in minutes to hours, customers in hours. */
function timeline(faker: Faker, now: number, directions: Turn['direction'][]): number[] {
  const minute = 60 * 1000;
  // Skewed towards the last day: a live queue, with a tail over the last four days.
  let at = now - 5 * minute - Math.floor(faker.number.float() ** 2 * 4 * DAY);
  const times = [at];
  for (let index = directions.length - 1; index > 0; index--) {
    const gap =
      directions[index] === 'outbound'
        ? faker.number.int({ min: 3, max: 300 }) * minute
        : directions[index - 1] === 'inbound'
          ? faker.number.int({ min: 20, max: 600 }) * minute
          : faker.number.int({ min: 10, max: 1200 }) * minute;
    at -= gap;
    times.unshift(at);
  }
  return times;
}

function statusFor(faker: Faker, last: Turn['direction'], unassigned: boolean): ConversationStatus {
  if (unassigned || last === 'inbound') return 'open';
  return faker.helpers.weightedArrayElement([
    { weight: 45, value: 'pending' as const },
    { weight: 32, value: 'closed' as const },
    { weight: 18, value: 'open' as const },
    { weight: 5, value: 'snoozed' as const },
  ]);
}

/** When the oldest inbound message after the last reply arrived; null if the rep spoke last. */
function waitingSince(messages: readonly Message[]): number | null {
  let since: number | null = null;
  for (const message of messages) {
    if (message.direction === 'outbound') since = null;
    else since ??= message.createdAt;
  }
  return since;
}
