import { describe, expect, it } from 'vitest';
import {
  displayPhone,
  kindOfChannel,
  kindsForChannel,
  normalizeEmail,
  normalizeHandle,
  normalizePhone,
  normalizeWhatsAppId,
  phoneRegion,
  senderIdentity,
} from './identity';

describe('normalizePhone', () => {
  it.each([
    '(415) 555-0134',
    '415-555-0134',
    '415.555.0134',
    '415 555 0134',
    '4155550134',
    '1 415 555 0134',
    '1-415-555-0134',
    '+1 415-555-0134',
    '+1 (415) 555-0134',
    '+14155550134',
    '001 415 555 0134',
    'tel:+1-415-555-0134',
    'whatsapp:+14155550134',
    '+1 415 555 0134 ext. 12',
  ])('reads %s in the US as +14155550134', (raw) => {
    expect(normalizePhone(raw, 'US')).toBe('+14155550134');
  });

  it.each([
    '020 7946 0958',
    '0207 946 0958',
    '02079460958',
    '+44 20 7946 0958',
    '+44 (0)20 7946 0958',
    '+442079460958',
    '0044 20 7946 0958',
    '00 44 20 7946 0958',
    '44 20 7946 0958',
  ])('reads %s in GB as +442079460958', (raw) => {
    expect(normalizePhone(raw, 'GB')).toBe('+442079460958');
  });

  it('reads international numbers the same in any region', () => {
    for (const region of ['US', 'GB', 'DE']) {
      expect(normalizePhone('+44 7400 123456', region)).toBe('+447400123456');
      expect(normalizePhone('+1 (415) 555-0134', region)).toBe('+14155550134');
    }
  });

  it('reads a national number in the region it is given, the US by default', () => {
    expect(normalizePhone('07400 123456', 'GB')).toBe('+447400123456');
    expect(normalizePhone('(415) 555-0134')).toBe('+14155550134');
    // A UK national number read in the US is not a US number.
    expect(normalizePhone('020 7946 0958', 'US')).toBeNull();
  });

  it('refuses a US number without its area code', () => {
    expect(normalizePhone('555-0134', 'US')).toBeNull();
  });

  it.each(['', '   ', 'call me', 'Acme', '12345', '+1234567890123456789', '+999 1234 5678', '0', 'whatsapp:'])(
    'refuses %j',
    (raw) => {
      expect(normalizePhone(raw, 'US')).toBeNull();
      expect(normalizePhone(raw, 'GB')).toBeNull();
    },
  );
});

describe('displayPhone', () => {
  it('writes an E.164 number as people read it, grouped by its country', () => {
    expect(displayPhone('+16136120707')).toBe('+1 613 612 0707');
    expect(displayPhone('+447911123456')).toBe('+44 7911 123456');
  });

  it('leaves what is not a number as it is', () => {
    expect(displayPhone('not a number')).toBe('not a number');
  });
});

describe('phoneRegion', () => {
  it('takes ISO regions in any case and UK as GB, and refuses unknown ones', () => {
    expect(phoneRegion('gb')).toBe('GB');
    expect(phoneRegion(' US ')).toBe('US');
    expect(phoneRegion('UK')).toBe('GB');
    expect(phoneRegion('XX')).toBeNull();
    expect(phoneRegion('')).toBeNull();
  });
});

describe('normalizeWhatsAppId', () => {
  it('reads the digits of a WhatsApp id as an international number', () => {
    expect(normalizeWhatsAppId('14155550134')).toBe('+14155550134');
    expect(normalizeWhatsAppId('442079460958')).toBe('+442079460958');
    expect(normalizeWhatsAppId('whatsapp:14155550134')).toBe('+14155550134');
    expect(normalizeWhatsAppId('1234')).toBeNull();
    expect(normalizeWhatsAppId('+14155550134')).toBeNull();
  });
});

describe('senderIdentity', () => {
  it('keys SMS and WhatsApp senders by the same phone number', () => {
    const phone = { key: { kind: 'phone', value: '+14155550134' } };
    expect(senderIdentity('sms', '(415) 555-0134', 'US')).toEqual(phone);
    expect(senderIdentity('sms', '+14155550134', 'GB')).toEqual(phone);
    expect(senderIdentity('whatsapp', 'whatsapp:+14155550134', 'GB')).toEqual(phone);
    expect(senderIdentity('whatsapp', '14155550134', 'GB')).toEqual(phone);
    expect(senderIdentity('whatsapp', '+1 415 555 0134', 'GB')).toEqual(phone);
  });

  it('reads national SMS numbers in the configured region', () => {
    expect(senderIdentity('sms', '020 7946 0958', 'GB')).toEqual({ key: { kind: 'phone', value: '+442079460958' } });
    expect(senderIdentity('sms', '020 7946 0958', 'US')).toEqual({
      problem: '"020 7946 0958" is not a phone number.',
    });
  });

  it('keeps a WhatsApp id that is not a number as a WhatsApp identity', () => {
    expect(senderIdentity('whatsapp', 'US.13491208655302741918')).toEqual({
      key: { kind: 'whatsapp', value: 'US.13491208655302741918' },
    });
    expect(senderIdentity('whatsapp', '12')).toEqual({ problem: '"12" is not a phone number.' });
  });

  it('keys social senders by the provider id, never by the handle', () => {
    expect(senderIdentity('x', '1442317185829871616')).toEqual({ key: { kind: 'x', value: '1442317185829871616' } });
    expect(senderIdentity('messenger', '6543210987654321')).toEqual({
      key: { kind: 'messenger', value: '6543210987654321' },
    });
    expect(senderIdentity('instagram', ' 17841400000000000 ')).toEqual({
      key: { kind: 'instagram', value: '17841400000000000' },
    });
    expect(senderIdentity('x', '@NorthwindFan')).toEqual({
      problem: '"@NorthwindFan" is not an X user id: send the id as "from" and the handle as "handle".',
    });
    expect(senderIdentity('instagram', 'trail.runner')).toEqual({
      problem: '"trail.runner" is not an Instagram-scoped id: send the id as "from" and the handle as "handle".',
    });
  });

  it('keys emails lower-cased and web chat by visitor id', () => {
    expect(senderIdentity('email', ' Pat.Doe@Example.COM ')).toEqual({
      key: { kind: 'email', value: 'pat.doe@example.com' },
    });
    expect(senderIdentity('email', 'not-an-email')).toEqual({ problem: '"not-an-email" is not an email address.' });
    expect(senderIdentity('webchat', 'visitor-7f3a')).toEqual({ key: { kind: 'webchat', value: 'visitor-7f3a' } });
    expect(senderIdentity('webchat', 'two words')).toEqual({ problem: '"two words" is not a web-chat visitor id.' });
  });
});

describe('kinds and channels', () => {
  it('answers SMS through a phone and WhatsApp through a phone or a WhatsApp id', () => {
    expect(kindsForChannel('sms')).toEqual(['phone']);
    expect(kindsForChannel('whatsapp')).toEqual(['phone', 'whatsapp']);
    expect(kindsForChannel('x')).toEqual(['x']);
  });

  it('reads identities stored by channel alone as phones on SMS and WhatsApp', () => {
    expect(kindOfChannel('sms')).toBe('phone');
    expect(kindOfChannel('whatsapp')).toBe('phone');
    expect(kindOfChannel('email')).toBe('email');
    expect(kindOfChannel('messenger')).toBe('messenger');
  });
});

describe('handles and emails', () => {
  it('drops the @ and case of a handle', () => {
    expect(normalizeHandle(' @Maria_R ')).toBe('maria_r');
  });

  it('lower-cases and trims an email', () => {
    expect(normalizeEmail(' Maria.R@Example.COM ')).toBe('maria.r@example.com');
  });
});
