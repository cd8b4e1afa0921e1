// The brand's accounts on each channel, as an admin types them: what each channel's provider calls
// the account inbound messages reach (server/db/channel-accounts.ts keys them the same way).
import type { Channel } from './channels';
import { normalizeEmail, normalizePhone } from './identity';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Page, Instagram account, X user and WhatsApp phone number ids are decimal strings (beyond 2^53). */
const NUMERIC_ID = /^\d{1,32}$/;
/** A web-chat widget id: letters, digits, ".", "_", ":", "-". */
const TOKEN_ID = /^[A-Za-z0-9][\w.:-]{0,127}$/;

/** What the account field asks for, per channel (the form's hint, and the refusal's words). */
export const ACCOUNT_HINTS: Record<Channel, string> = {
  sms: 'the Twilio number, with its country code (+14155550100)',
  whatsapp: 'the Twilio WhatsApp number (+14155550100) or the Cloud API phone number id (106540352242922)',
  x: "the brand's X user id (digits, not the @handle)",
  messenger: "the Facebook page's id (digits)",
  instagram: "the Instagram account's id (digits)",
  email: 'the support address customers write to (help@example.com)',
  webchat: "the chat widget's id",
};

/**
 * The account as stored and matched: a phone number in E.164 ("+1 415-555-0100" → "+14155550100"),
 * an address lower-cased, any other id trimmed. Null when it is not one the channel's provider
 * could name.
 */
export function normalizeAccount(channel: Channel, raw: string): string | null {
  const text = raw.trim();
  switch (channel) {
    case 'sms':
      return phoneWithCountryCode(text);
    case 'whatsapp':
      return text.startsWith('+') ? phoneWithCountryCode(text) : NUMERIC_ID.test(text) ? text : null;
    case 'x':
    case 'messenger':
    case 'instagram':
      return NUMERIC_ID.test(text) ? text : null;
    case 'email':
      return EMAIL.test(text) ? normalizeEmail(text) : null;
    case 'webchat':
      return TOKEN_ID.test(text) ? text : null;
  }
}

/** A brand number must carry its country code: there is no region to read a national one in. */
function phoneWithCountryCode(text: string): string | null {
  return text.startsWith('+') ? normalizePhone(text) : null;
}

/** Why `raw` is not an account of `channel`, in words for the form; null when it is one. */
export function accountProblem(channel: Channel, raw: string): string | null {
  return normalizeAccount(channel, raw) === null ? `Expected ${ACCOUNT_HINTS[channel]}.` : null;
}
