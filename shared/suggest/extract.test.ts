import { describe, expect, it } from 'vitest';
import { dayOf } from './format';
import { extractEntities } from './extract';
import { guessLanguage } from './language';
import { matchProducts, selectOrder } from './orders';
import { NOW, order, record, shipment } from './testing';

describe('extractEntities', () => {
  it('reads order numbers, tracking numbers, emails, phones, dates and amounts', () => {
    const e = extractEntities(
      'Order #1042 (tracking 1Z999AA10123456784) was due Dec 4 and I paid $50.00 — also order 1050. ' +
        'Mail me at maya@mail.example or call +1 415 555 0100. Charged 12,50 EUR on 2026-12-01.',
      record().orders,
      NOW,
    );
    expect(e.orderNumbers.map((o) => o.digits)).toEqual(['1042', '1050']);
    expect(e.trackingNumbers).toEqual([{ text: '1Z999AA10123456784', carrier: 'UPS' }]);
    expect(e.emails).toEqual(['maya@mail.example']);
    expect(e.phones).toEqual(['+1 415 555 0100']);
    expect(e.dates).toEqual([
      { text: '2026-12-01', day: dayOf(Date.UTC(2026, 11, 1)) },
      { text: 'Dec 4', day: dayOf(Date.UTC(2026, 11, 4)) },
    ]);
    expect(e.amounts).toEqual([
      { text: '$50.00', cents: 5000, currency: 'USD' },
      { text: '12,50 EUR', cents: 1250, currency: 'EUR' },
    ]);
  });

  it('takes tracking numbers of other shapes and leaves bare digits alone unless the message is about a parcel', () => {
    expect(extractEntities('my parcel RR123456785GB is stuck', [], NOW).trackingNumbers).toEqual([
      { text: 'RR123456785GB', carrier: null },
    ]);
    expect(extractEntities('fedex says 123456789012 delivered', [], NOW).trackingNumbers).toEqual([
      { text: '123456789012', carrier: 'FedEx' },
    ]);
    expect(extractEntities('call me on 4155550100', [], NOW).trackingNumbers).toEqual([]);
  });

  it('matches products against the customer’s own line items', () => {
    expect(matchProducts('the teapot arrived cracked', record().orders)).toEqual([
      { title: 'Ceramic Teapot', orderNumber: '#1050' },
    ]);
    expect(matchProducts('the toaster is broken', record().orders)).toEqual([]);
  });
});

describe('selectOrder', () => {
  const orders = record().orders;
  it('prefers the order named, then the order holding a named product, then the newest undelivered, then the newest', () => {
    expect(selectOrder({ orderNumbers: [{ text: '#1001', digits: '1001' }], products: [] }, orders)).toMatchObject({
      order: { number: '#1001' },
      why: 'named',
    });
    expect(
      selectOrder({ orderNumbers: [], products: [{ title: 'Stoneware Mug', orderNumber: '#1001' }] }, orders),
    ).toMatchObject({
      order: { number: '#1001' },
      why: 'product',
    });
    expect(selectOrder({ orderNumbers: [], products: [] }, orders)).toMatchObject({
      order: { number: '#1050' },
      why: 'undelivered',
    });
    const delivered = [
      order('7', { placedAt: 1, shipments: [shipment({ status: 'delivered' })] }),
      order('8', { placedAt: 2, shipments: [shipment({ status: 'delivered' })] }),
    ];
    expect(selectOrder({ orderNumbers: [], products: [] }, delivered)).toMatchObject({
      order: { number: '#8' },
      why: 'recent',
    });
    expect(selectOrder({ orderNumbers: [{ text: '#99', digits: '9999' }], products: [] }, [])).toEqual({
      order: null,
      why: 'none',
    });
  });
});

describe('guessLanguage', () => {
  it.each([
    ['where is my order? it still has not arrived', 'en'],
    ['hola, mi pedido todavía no ha llegado', 'es'],
    ['bonjour, je n’ai toujours pas reçu ma commande', 'fr'],
    ['hallo, meine Bestellung ist noch nicht da', 'de'],
    ['olá, minha encomenda ainda não chegou', 'pt'],
    ['ciao, il mio ordine non è ancora arrivato', 'it'],
    ['hallo, mijn bestelling is nog niet binnen', 'nl'],
  ])('%s → %s', (text, language) => {
    expect(guessLanguage(text).language).toBe(language);
  });
});
