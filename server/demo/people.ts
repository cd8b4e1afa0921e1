import type { Faker } from '@faker-js/faker';
import type { Channel } from '../../shared/domain/channels';
import type { Customer, Identity } from '../../shared/domain/entities';
import { normalizeIdentity } from '../../shared/domain/identity';
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

const CALLING_CODE: Record<Country, string> = { US: '1', GB: '44' };

/** Keeps identities unique per (channel, value) across the whole organisation. */
export class IdentityRegistry {
  private readonly used = new Map<string, Set<string>>();
  private readonly phones = new Set<string>();
  private counter = 0;

  take(channel: Channel, value: string): boolean {
    let set = this.used.get(channel);
    if (!set) this.used.set(channel, (set = new Set()));
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
  const existing = customer.identities.find((identity) => identity.channel === channel);
  if (existing) return existing;
  const [first = 'pat', last = 'lee'] = customer.name.split(' ');
  let display: string | null = null;
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      if (person.phone === null) person.phone = registry.phone(faker, person.place);
      if (person.phone !== null) display = displayPhone(faker, person.country, person.phone, person.place, channel);
      break;
    case 'email':
      display = customer.email;
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
      break;
    }
  }
  if (display === null) return null;
  const value = normalizeIdentity(channel, display, CALLING_CODE[person.country]);
  if (value === null) return null;
  // Handles were reserved above and emails in makeCustomer; phones are reserved here.
  if ((channel === 'sms' || channel === 'whatsapp') && !registry.take(channel, value)) return null;
  const identity: Identity = { id: registry.nextId(), customerId: customer.id, channel, value, display };
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
