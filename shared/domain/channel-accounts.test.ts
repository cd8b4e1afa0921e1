import { describe, expect, it } from 'vitest';
import { accountProblem, normalizeAccount } from './channel-accounts';

describe('channel accounts as an admin types them', () => {
  it('stores numbers in E.164, addresses lower-cased and ids as they are', () => {
    expect(normalizeAccount('sms', ' +1 (415) 555-0100 ')).toBe('+14155550100');
    expect(normalizeAccount('whatsapp', '+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizeAccount('whatsapp', '106540352242922')).toBe('106540352242922');
    expect(normalizeAccount('email', ' Help@Northwind.Example ')).toBe('help@northwind.example');
    expect(normalizeAccount('x', '1234567890123456789012')).toBe('1234567890123456789012');
    expect(normalizeAccount('webchat', 'widget.main-1')).toBe('widget.main-1');
  });

  it('refuses what the channel could not name, saying what it expects', () => {
    expect(accountProblem('sms', '4155550100')).toBe(
      'Expected the Twilio number, with its country code (+14155550100).',
    );
    expect(accountProblem('sms', '+1 415 CALL NOW')).not.toBeNull();
    expect(accountProblem('whatsapp', 'whatsapp-business')).not.toBeNull();
    expect(accountProblem('x', '@northwind')).toBe("Expected the brand's X user id (digits, not the @handle).");
    expect(accountProblem('messenger', 'northwind.page')).not.toBeNull();
    expect(accountProblem('instagram', '17841400000000000')).toBeNull();
    expect(accountProblem('email', 'help@northwind')).not.toBeNull();
    expect(accountProblem('webchat', '-leading-dash')).not.toBeNull();
  });
});
