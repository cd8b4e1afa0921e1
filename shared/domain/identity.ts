import type { Channel } from './channels';

/**
 * Phone numbers arrive as "+1 (415) 555-0123", "0044 20 7946 0958", "020 7946 0958" or
 * "whatsapp:+14155550123". Matching needs one form: E.164. A national number is read in the
 * brand's home country, given as its calling code without "+" (e.g. "1", "44").
 */
export function normalizePhone(raw: string, defaultCallingCode = '1'): string | null {
  // "+44 (0)20 …": the bracketed trunk 0 is dropped when dialling internationally.
  const text = raw
    .trim()
    .replace(/^(whatsapp|sms|tel):/i, '')
    .replace(/\(0\)/g, '');
  const international = text.startsWith('+') || text.startsWith('00');
  let digits = text.replace(/\D/g, '');
  if (text.startsWith('00')) digits = digits.slice(2);
  if (!international) {
    if (defaultCallingCode === '1' && digits.length === 11 && digits.startsWith('1')) {
      // US/Canada numbers written with the trunk prefix "1".
    } else if (digits.startsWith('0')) {
      digits = defaultCallingCode + digits.slice(1);
    } else {
      digits = defaultCallingCode + digits;
    }
  }
  if (digits.length < 8 || digits.length > 15) return null;
  return `+${digits}`;
}

export function normalizeHandle(raw: string): string {
  return raw.trim().replace(/^@/, '').toLowerCase();
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The matching key of an identity on a channel; null when the value cannot be read. */
export function normalizeIdentity(channel: Channel, raw: string, defaultCallingCode = '1'): string | null {
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      return normalizePhone(raw, defaultCallingCode);
    case 'email':
      return raw.includes('@') ? normalizeEmail(raw) : null;
    case 'x':
    case 'instagram':
    case 'messenger':
    case 'webchat':
      return raw.trim() === '' ? null : normalizeHandle(raw);
  }
}
