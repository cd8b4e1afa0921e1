import type { Faker } from '@faker-js/faker';
import type { Channel } from '../../shared/domain/channels';
import { CHANNEL_LABELS } from '../../shared/domain/channels';
import { LINKED_BY } from '../../shared/domain/entities';
import type { Customer, Identity } from '../../shared/domain/entities';
import { normalizeEmail, normalizePhone } from '../../shared/domain/identity';
import { PLACES } from './catalog';
import type { Country, Place } from './catalog';
import { groupDigits } from './format';

/** A demo customer plus the facts the generator needs that the entity does not carry. */
export interface DemoCustomer {
  customer: Customer;
  firstName: string;
  country: Country;
  place: Place;
  /** National significant number (no trunk 0), e.g. "4155550132"; null when none was free. */
  phone: string | null;
}

const PLACES_BY_COUNTRY: Record<Country, Place[]> = {
  US: PLACES.filter((p) => p.country === 'US'),
  GB: PLACES.filter((p) => p.country === 'GB'),
};

/** Keeps identities unique per (kind, value) and handles unique per channel across the organisation. */
export class IdentityRegistry {
  private readonly used = new Map<string, Set<string>>();
  private readonly phones = new Set<string>();
  private counter = 0;

  take(space: string, value: string): boolean {
    let set = this.used.get(space);
    if (!set) this.used.set(space, (set = new Set()));
    if (set.has(value)) return false;
    set.add(value);
    return true;
  }

  /** A free phone number in the place's fictional range, or null after a few tries. */
  phone(faker: Faker, place: Place): string | null {
    for (let attempt = 0; attempt < 12; attempt++) {
      const number = place.prefix + faker.string.numeric({ length: place.free, allowLeadingZeros: true });
      if (!this.phones.has(number)) {
        this.phones.add(number);
        return number;
      }
    }
    return null;
  }

  nextId(): string {
    this.counter += 1;
    return `idn-${String(this.counter).padStart(7, '0')}`;
  }

  /** A provider's id for a new person: digits, as X, Messenger and Instagram give them. */
  providerId(faker: Faker, channel: Channel): string {
    const length = channel === 'x' ? 19 : channel === 'messenger' ? 16 : 17;
    for (;;) {
      const id = faker.string.numeric({ length, allowLeadingZeros: false });
      if (this.take(`id:${channel}`, id)) return id;
    }
  }
}

/** The ways people actually write a phone number: national and international, spaced or not. */
function displayPhone(faker: Faker, country: Country, national: string, place: Place, channel: Channel): string {
  const parts = groupDigits(national, place.groups);
  const spaced = parts.join(' ');
  if (country === 'US') {
    const [area, exchange, line] = parts;
    const formats =
      channel === 'whatsapp'
        ? [`+1 ${spaced}`, `+1 (${area}) ${exchange}-${line}`, `+1${national}`]
        : [
            `(${area}) ${exchange}-${line}`,
            `+1 ${spaced}`,
            `${area}-${exchange}-${line}`,
            `+1 (${area}) ${exchange}-${line}`,
            `${area}.${exchange}.${line}`,
          ];
    return faker.helpers.arrayElement(formats);
  }
  const formats =
    channel === 'whatsapp' ? [`+44 ${spaced}`, `+44${national}`] : [`0${spaced}`, `+44 ${spaced}`, `0${national}`];
  return faker.helpers.arrayElement(formats);
}

function handleBase(faker: Faker, first: string, last: string): string {
  const base = faker.helpers.arrayElement([
    `${first}${last}`,
    `${first}_${last}`,
    `${first}.${last}`,
    `${first}${faker.number.int({ min: 1, max: 99 })}`,
    `${first[0] ?? 'x'}${last}`,
    `${first}outdoors`,
    `${last}hikes`,
  ]);
  return base.toLowerCase().replace(/[^a-z0-9_.]/g, '');
}

export function addIdentity(
  faker: Faker,
  registry: IdentityRegistry,
  person: DemoCustomer,
  channel: Channel,
): Identity | null {
  const { customer } = person;
  // One phone number serves SMS and WhatsApp.
  const kind = channel === 'sms' || channel === 'whatsapp' ? 'phone' : channel;
  const existing = customer.identities.find((identity) => identity.kind === kind);
  if (existing) return existing;
  const [first = 'pat', last = 'lee'] = customer.name.split(' ');
  let display: string | null = null;
  let value: string | null = null;
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      if (person.phone === null) person.phone = registry.phone(faker, person.place);
      if (person.phone !== null) {
        display = displayPhone(faker, person.country, person.phone, person.place, channel);
        // Read as the server reads it, in the customer's own country.
        value = normalizePhone(display, person.country);
      }
      break;
    case 'email':
      display = customer.email;
      value = display === null ? null : normalizeEmail(display);
      break;
    case 'x':
    case 'instagram':
    case 'messenger':
    case 'webchat': {
      const base =
        channel === 'messenger'
          ? `${first}.${last}`.toLowerCase().replace(/[^a-z0-9.]/g, '')
          : handleBase(faker, first, last);
      let handle = base;
      for (let n = 2; !registry.take(channel, handle); n++) handle = `${base}${n}`;
      display = channel === 'x' ? `@${handle}` : handle;
      // Known by the provider's id; the handle is only what the person calls themselves today.
      value = channel === 'webchat' ? `visitor-${registry.nextId()}` : registry.providerId(faker, channel);
      break;
    }
  }
  if (display === null || value === null) return null;
  // Handles were reserved above and emails in makeCustomer; phones are reserved here.
  if (kind === 'phone' && !registry.take('phone', value)) return null;
  const identity: Identity = {
    id: registry.nextId(),
    customerId: customer.id,
    kind,
    channel,
    value,
    display,
    linkedBy: LINKED_BY.import,
    evidence: `Demo data: the customer's ${kind === 'phone' ? 'phone number' : kind === 'email' ? 'email address' : `${CHANNEL_LABELS[channel]} account`}.`,
  };
  customer.identities.push(identity);
  return identity;
}

export function makeCustomer(
  faker: Faker,
  fakerGB: Faker,
  registry: IdentityRegistry,
  id: string,
  createdAt: number,
): DemoCustomer {
  const country: Country = faker.number.float() < 0.8 ? 'US' : 'GB';
  const names = country === 'US' ? faker : fakerGB;
  const firstName = names.person.firstName();
  const lastName = names.person.lastName();
  const place = faker.helpers.arrayElement(PLACES_BY_COUNTRY[country]);
  let email = faker.internet
    .email({
      firstName,
      lastName,
      provider: faker.helpers.arrayElement(['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me']),
    })
    .toLowerCase();
  for (let n = 2; !registry.take('email', email); n++) email = email.replace(/@/, `${n}@`);
  return {
    customer: { id, name: `${firstName} ${lastName}`, email, createdAt, identities: [] },
    firstName,
    country,
    place,
    phone: null,
  };
}
