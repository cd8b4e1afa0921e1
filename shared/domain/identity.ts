import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { Channel } from './channels';

/**
 * How Caredesk knows a person, keyed the way the providers key them:
 *
 * - `phone`: an E.164 number. One phone identity serves SMS and WhatsApp (a WhatsApp id is the
 *   number without its "+").
 * - `email`: the address, lower-cased. The only place a customer's email is kept.
 * - `x`, `messenger`, `instagram`, `whatsapp`, `webchat`: an id the provider gives the person
 *   (X user id, Messenger page-scoped id, Instagram-scoped id, a WhatsApp id that is not a phone
 *   number, a web-chat visitor id). Handles change and are never matched on: they are kept as the
 *   identity's `display`, which the newest message updates.
 */
export const IDENTITY_KINDS = ['phone', 'email', 'x', 'messenger', 'instagram', 'whatsapp', 'webchat'] as const;
export const IdentityKind = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof IdentityKind>;

/** The exact key an identity is matched on: unique across the organisation. */
export interface IdentityKey {
  kind: IdentityKind;
  value: string;
}

/** The region national numbers are read in when no configuration says otherwise. */
export const DEFAULT_REGION = 'US';

/**
 * A region as configured ("GB", "us"; "UK" is taken as "GB"), or null when libphonenumber does
 * not know it.
 */
export function phoneRegion(raw: string): CountryCode | null {
  const code = raw.trim().toUpperCase();
  const region = code === 'UK' ? 'GB' : code;
  return isSupportedCountry(region) ? region : null;
}

/** Prefixes providers put before a number ("whatsapp:+1…", "tel:+1…"). */
const ADDRESS_PREFIX = /^(whatsapp|sms|tel):/i;

/** What a phone number can be written with: digits, "+", spaces, brackets, dots, dashes, "ext". */
const PHONE_LIKE = /^\+?[\d\s().\-/]+((ext\.?|x|#)\s*\d+)?$/i;

/**
 * A phone number in E.164, read from any way people write one: "+1 (415) 555-0134",
 * "415.555.0134", "0044 20 7946 0958", "+44 (0)20 7946 0958", "whatsapp:+14155550134". A number
 * without its country code is read in `region` ("020 7946 0958" in GB). An extension is dropped.
 * Null when it is not a number that could exist (too short, too long, letters, unknown country
 * code); a number in a range not yet assigned is still accepted, so a customer is never lost to
 * stale metadata.
 */
export function normalizePhone(raw: string, region: string = DEFAULT_REGION): string | null {
  const text = raw.trim().replace(ADDRESS_PREFIX, '').trim();
  if (!PHONE_LIKE.test(text)) return null;
  // "00" is the international prefix in most of the world; people write it anywhere.
  const international = text.startsWith('00') ? `+${text.slice(2).trimStart()}` : text;
  const number = parsePhoneNumberFromString(international, phoneRegion(region) ?? DEFAULT_REGION);
  return number?.isPossible() ? number.number : null;
}

/** An E.164 number as people read it ("+1 613 612 0707"); anything else as it is. */
export function displayPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** A WhatsApp id is the E.164 number without its "+" ("14155550134"). */
export function normalizeWhatsAppId(raw: string): string | null {
  const text = raw.trim().replace(ADDRESS_PREFIX, '').trim();
  return /^\d+$/.test(text) ? normalizePhone(`+${text}`) : null;
}

/** How a handle is shown and searched: without "@", in lower case. Never a matching key. */
export function normalizeHandle(raw: string): string {
  return raw.trim().replace(/^@/, '').toLowerCase();
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** X user ids, page-scoped and Instagram-scoped ids are decimal strings (beyond 2^53: never numbers). */
const NUMERIC_ID = /^\d{1,32}$/;
/** A web-chat visitor id or a WhatsApp id that is not a number (letters, digits, ".", "_", ":", "-"). */
const TOKEN_ID = /^[A-Za-z0-9][\w.:-]{0,127}$/;

const PROVIDER_ID_NAMES = {
  x: 'an X user id',
  messenger: 'a Messenger page-scoped id',
  instagram: 'an Instagram-scoped id',
} as const;

/** Why a sender's address cannot be read, said so the sender of the webhook can fix it. */
export type SenderProblem = string;

/**
 * The identity a message on `channel` from `from` belongs to, or what is wrong with `from`.
 *
 * SMS: a phone number, national ones read in `region`. WhatsApp: a phone number, with or without
 * "+" (WhatsApp ids carry none) and with or without "whatsapp:"; an id with letters is a WhatsApp
 * id of its own. Email: the address. X, Messenger, Instagram: the provider's numeric user id, never
 * the handle. Web chat: the visitor id.
 */
export function senderIdentity(
  channel: Channel,
  from: string,
  region: string = DEFAULT_REGION,
): { key: IdentityKey } | { problem: SenderProblem } {
  const text = from.trim();
  switch (channel) {
    case 'sms': {
      const value = normalizePhone(text, region);
      return value ? { key: { kind: 'phone', value } } : { problem: `"${from}" is not a phone number.` };
    }
    case 'whatsapp': {
      const bare = text.replace(ADDRESS_PREFIX, '').trim();
      if (PHONE_LIKE.test(bare)) {
        const value = /^\d+$/.test(bare) ? normalizeWhatsAppId(bare) : normalizePhone(bare, region);
        return value ? { key: { kind: 'phone', value } } : { problem: `"${from}" is not a phone number.` };
      }
      return TOKEN_ID.test(bare)
        ? { key: { kind: 'whatsapp', value: bare } }
        : { problem: `"${from}" is neither a phone number nor a WhatsApp id.` };
    }
    case 'email':
      return EMAIL.test(text)
        ? { key: { kind: 'email', value: normalizeEmail(text) } }
        : { problem: `"${from}" is not an email address.` };
    case 'x':
    case 'messenger':
    case 'instagram':
      return NUMERIC_ID.test(text)
        ? { key: { kind: channel, value: text } }
        : {
            problem: `"${from}" is not ${PROVIDER_ID_NAMES[channel]}: send the id as "from" and the handle as "handle".`,
          };
    case 'webchat':
      return TOKEN_ID.test(text)
        ? { key: { kind: 'webchat', value: text } }
        : { problem: `"${from}" is not a web-chat visitor id.` };
  }
}

/** The kinds of identity a conversation on `channel` can be answered through. */
export function kindsForChannel(channel: Channel): readonly IdentityKind[] {
  switch (channel) {
    case 'sms':
      return ['phone'];
    case 'whatsapp':
      return ['phone', 'whatsapp'];
    default:
      return [channel];
  }
}

/**
 * The channel an identity of `kind` was stored under before identities had kinds (sync protocol
 * 5 and earlier read only `channel`): a phone is shown as SMS unless it was first seen on WhatsApp.
 */
export function channelOfKind(kind: IdentityKind, firstChannel?: Channel): Channel {
  if (kind === 'phone') return firstChannel === 'whatsapp' ? 'whatsapp' : 'sms';
  return kind;
}

/**
 * The kind an identity stored with `channel` only (before kinds) has: SMS and WhatsApp identities
 * were phone numbers.
 */
export function kindOfChannel(channel: Channel): IdentityKind {
  return channel === 'sms' || channel === 'whatsapp' ? 'phone' : channel;
}
