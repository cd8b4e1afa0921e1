import { describe, expect, it } from 'vitest';
import { searchKeys } from './customer-search';

describe('searchKeys', () => {
  it('reads a number with its country code as E.164, and one without as the end of a number', () => {
    expect(searchKeys('+44 20 7946 0958')).toMatchObject({ phone: '+442079460958', phoneEnd: null });
    expect(searchKeys('0044 (0)20 7946 0958')).toMatchObject({ phone: '+442079460958', phoneEnd: null });
    expect(searchKeys('020 7946 0958')).toMatchObject({ phone: null, phoneEnd: '2079460958' });
    expect(searchKeys('(415) 555-0142')).toMatchObject({ phone: null, phoneEnd: '4155550142' });
    expect(searchKeys('tel:415.555.0142')).toMatchObject({ phoneEnd: '4155550142' });
  });

  it('takes too few digits, or letters among them, for no phone number', () => {
    expect(searchKeys('555 01')).toMatchObject({ phone: null, phoneEnd: null });
    expect(searchKeys('1Z 999 AA1')).toMatchObject({ phone: null, phoneEnd: null });
  });

  it('reads an order number with or without its #', () => {
    expect(searchKeys('1042').orderNumbers).toEqual(['#1042', '1042']);
    expect(searchKeys('#1042').orderNumbers).toEqual(['#1042', '1042']);
    expect(searchKeys('NW-1042').orderNumbers).toEqual(['NW-1042']);
  });

  it('reads a tracking number without spaces or case, an email and a handle as stored', () => {
    expect(searchKeys('1z999aa1 0123456784').trackingNumber).toBe('1Z999AA10123456784');
    expect(searchKeys(' Pat@Example.COM ')).toMatchObject({ email: 'pat@example.com', handle: null });
    expect(searchKeys('@Maria_R')).toMatchObject({ email: null, handle: 'maria_r' });
  });

  it('matches a name case-blind from two characters on', () => {
    expect(searchKeys('Ashdown').name).toBe('ashdown');
    expect(searchKeys('a').name).toBeNull();
  });
});
