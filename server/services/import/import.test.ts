import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam } from '../../db/accounts';
import { findIdentity, getCustomer, insertCustomer, listOrders } from '../../db/customers';
import type { Database } from '../../db/sql';
import { testBackends } from '../../db/testing';
import type { TestDatabase } from '../../db/testing';
import { parseImport } from './parse';
import { describeReport } from './report';
import { storeImport } from './store';

const NOW = 1_800_000_000_000;
const HEADER =
  'customer_id,name,email,phone,order_number,placed_at,status,currency,sku,title,quantity,unit_price,shipping,carrier,tracking_number,estimated_delivery';

const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('reading an import file', () => {
  it('groups CSV rows into customers with whole orders, and reads national numbers in the region', () => {
    const parsed = parseImport(
      'crm.csv',
      csv(
        'c-1,Ana Ruiz,Ana@Example.com,020 7946 0958,#5001,2026-11-01,paid,GBP,SOCK,Trail Sock,2,9.50,3.00,Royal Mail,rr123456785gb,2026-11-05',
        'c-1,,,,#5001,2026-11-01,paid,GBP,TEE,"Tee, blue",1,20,,,,',
        'c-2,Bo Chen,bo@example.com,,,,,,,,,,,,,',
      ),
      'GB',
    );
    expect(parsed.rejected).toEqual([]);
    const [ana, bo] = parsed.customers;
    expect(ana).toMatchObject({ id: 'c-1', name: 'Ana Ruiz', emails: ['ana@example.com'], phones: ['+442079460958'] });
    expect(ana?.orders).toHaveLength(1);
    expect(ana?.orders[0]).toMatchObject({
      number: '#5001',
      currency: 'GBP',
      subtotalCents: 3900,
      shippingCents: 300,
      totalCents: 4200,
      lineItems: [
        { sku: 'SOCK', title: 'Trail Sock', quantity: 2, unitPriceCents: 950 },
        { sku: 'TEE', title: 'Tee, blue', quantity: 1, unitPriceCents: 2000 },
      ],
      shipments: [
        { carrier: 'Royal Mail', trackingNumber: 'RR123456785GB', estimatedDelivery: Date.parse('2026-11-05') },
      ],
    });
    expect(bo).toMatchObject({ id: 'c-2', emails: ['bo@example.com'], phones: [], orders: [] });
  });

  it('reports every bad row with its line and reason, and rejects a customer whose rows disagree', () => {
    const parsed = parseImport(
      'crm.csv',
      csv(
        ',No Id,,,,,,,,,,,,,,',
        'c-3,Cy,not-an-email,,,,,,,,,,,,,',
        'c-4,Di,,12,,,,,,,,,,,,',
        'c-5,Ed,,,#6001,yesterday,paid,USD,X,Thing,1,5,,,,',
        'c-6,Flo,,,#6002,2026-11-01,paid,USD,X,Thing,1,abc,,,,',
        'c-7,Gus,,,#6003,2026-11-01,paid,USD,X,Thing,1,5,,UPS,1Z999AA10123456784,',
        'c-8,Hal,,,,,,,,,,,,,,',
        'c-8,Hank,,,,,,,,,,,,,,',
      ),
      'US',
    );
    expect(parsed.customers).toEqual([]);
    expect(parsed.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const reasons = parsed.rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/customer_id/);
    expect(reasons[1]).toMatch(/"not-an-email" is not an email address/);
    expect(reasons[2]).toMatch(/"12" is not a phone number \(read in region US\)/);
    expect(reasons[3]).toMatch(/placed_at: a date like/);
    expect(reasons[4]).toMatch(/unit_price: an amount like 19.99/);
    expect(reasons[5]).toMatch(/needs estimated_delivery/);
    expect(reasons[6]).toMatch(/two names: Hal \/ Hank/);
    expect(parseImport('crm.csv', 'a,b\n1,2,3', 'US').rejected[0]?.reason).toMatch(/Not a readable CSV file/);
  });

  it('reads JSON customers with whole orders, and refuses what is not JSON', () => {
    const parsed = parseImport(
      'crm.json',
      JSON.stringify({
        customers: [
          { id: 'j-1', name: 'Jo', emails: ['jo@example.com'], phones: ['+1 415 555 0199'] },
          { id: 'j-2', name: 'Bad', phones: ['nope'] },
          { name: 'No id' },
        ],
      }),
      'US',
    );
    expect(parsed.customers.map((c) => [c.id, c.phones])).toEqual([['j-1', ['+14155550199']]]);
    expect(parsed.rejected.map((r) => r.line)).toEqual([2, 3]);
    expect(parseImport('x.json', '{', 'US').rejected[0]?.reason).toMatch(/Not readable JSON/);
  });
});

describe.each(testBackends)('storing an import on $kind', (backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await createTeam(db, { id: 'a', name: 'Team A' }, NOW);
    await db.transaction((tx) =>
      insertCustomer(tx, {
        id: 'taken',
        name: 'Already Here',
        email: 'taken@example.com',
        createdAt: NOW,
        identities: [],
      }),
    );
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  const good = 'k-1,Kim Lee,kim@example.com,+1 415 555 0101,#7001,2026-11-01,paid,USD,SOCK,Sock,1,10,,,,';
  const clash = 'k-2,Someone,taken@example.com,,,,,,,,,,,,,';

  it('stores nothing when a row is rejected, naming each one', async () => {
    const report = await storeImport(db, parseImport('crm.csv', csv(good, clash), 'US'), {
      source: 'crm.csv',
      now: NOW,
      partial: false,
    });
    expect(report).toMatchObject({ stored: false, created: 0, orders: 0 });
    expect(report.rejected).toEqual([
      {
        line: 3,
        reason: 'The email taken@example.com already belongs to customer taken; merge them in Caredesk instead.',
      },
    ]);
    expect(await getCustomer(db, 'k-1')).toBeNull();
    expect(describeReport(report)).toMatch(/^Nothing was stored: 1 rows were rejected\.\n {2}line 3: The email/);
  });

  it('with --partial stores every customer that passed, whole, and says the result is partial', async () => {
    const report = await storeImport(db, parseImport('crm.csv', csv(good, clash), 'US'), {
      source: 'crm.csv',
      now: NOW,
      partial: true,
    });
    expect(report).toMatchObject({ stored: true, created: 1, updated: 0, orders: 1 });
    expect(describeReport(report)).toMatch(
      /^Partial import: 1 customers created, 0 updated, 1 orders stored; 1 rows rejected:/,
    );
    const kim = await getCustomer(db, 'k-1');
    expect(kim?.identities.map((i) => [i.kind, i.value, i.linkedBy, i.evidence])).toEqual([
      ['email', 'kim@example.com', 'import', 'Imported from crm.csv.'],
      ['phone', '+14155550101', 'import', 'Imported from crm.csv.'],
    ]);
    expect((await listOrders(db, 'k-1')).map((o) => [o.number, o.totalCents])).toEqual([['#7001', 1000]]);
    expect(await findIdentity(db, { kind: 'email', value: 'taken@example.com' })).toMatchObject({
      customerId: 'taken',
    });
  });

  it('imports the same file again as an update, and refuses an order number that is someone else’s', async () => {
    const again = await storeImport(
      db,
      parseImport('crm.csv', csv(good.replace(',10,', ',12,'), 'k-1,,kim.lee@example.com,,,,,,,,,,,,,'), 'US'),
      { source: 'crm.csv', now: NOW + 1, partial: false },
    );
    expect(again).toMatchObject({ stored: true, created: 0, updated: 1, orders: 1, rejected: [] });
    expect((await listOrders(db, 'k-1')).map((o) => o.totalCents)).toEqual([1200]);
    expect((await getCustomer(db, 'k-1'))?.identities.map((i) => i.value)).toContain('kim.lee@example.com');

    const stolen = await storeImport(
      db,
      parseImport(
        'crm.csv',
        csv(good.replace('k-1,Kim Lee,kim@', 'k-9,Other,other@').replace('+1 415 555 0101', '')),
        'US',
      ),
      {
        source: 'crm.csv',
        now: NOW + 2,
        partial: false,
      },
    );
    expect(stolen.rejected).toEqual([{ line: 2, reason: 'Order #7001 already belongs to customer k-1.' }]);
    expect(await getCustomer(db, 'k-9')).toBeNull();
  });
});
