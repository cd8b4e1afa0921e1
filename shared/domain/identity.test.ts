import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeHandle, normalizeIdentity, normalizePhone } from './identity';

describe('normalizePhone', () => {
  it.each([
    ['+1 (415) 555-0132', '+14155550132'],
    ['(415) 555-0132', '+14155550132'],
    ['415.555.0132', '+14155550132'],
    ['1 415 555 0132', '+14155550132'],
    ['whatsapp:+14155550132', '+14155550132'],
    ['tel:+1-415-555-0132', '+14155550132'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
  ])('reads %s in the US as %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it('reads a national number with a trunk 0 in the given country', () => {
    expect(normalizePhone('020 7946 0958', '44')).toBe('+442079460958');
    expect(normalizePhone('07700 900123', '44')).toBe('+447700900123');
  });

  it('gives the same key for every way one number is written', () => {
    const forms = ['+44 20 7946 0958', '0044 20 7946 0958', '+44 (0)20 7946 0958', '020 7946 0958'];
    expect(new Set(forms.map((f) => normalizePhone(f, '44')))).toEqual(new Set(['+442079460958']));
  });

  it('refuses what cannot be a phone number', () => {
    expect(normalizePhone('')).toBeNull();
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('+1234567890123456789')).toBeNull();
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

describe('normalizeIdentity', () => {
  it('normalises by channel', () => {
    expect(normalizeIdentity('sms', '(415) 555-0132')).toBe('+14155550132');
    expect(normalizeIdentity('whatsapp', 'whatsapp:+447700900123')).toBe('+447700900123');
    expect(normalizeIdentity('x', '@NorthwindFan')).toBe('northwindfan');
    expect(normalizeIdentity('instagram', 'Trail.Runner')).toBe('trail.runner');
    expect(normalizeIdentity('email', 'A@B.example')).toBe('a@b.example');
  });

  it('returns null for values that cannot identify anyone', () => {
    expect(normalizeIdentity('email', 'not-an-email')).toBeNull();
    expect(normalizeIdentity('x', '   ')).toBeNull();
    expect(normalizeIdentity('sms', 'call me')).toBeNull();
  });
});
