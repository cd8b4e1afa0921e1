import { describe, expect, it } from 'vitest';
import type { CustomerRecord } from '../../../shared/sync/lookups';
import { clearAll, clearSynced } from './clear';
import { openCache } from './open';
import { forgetOpenedCustomer, getOpenedCustomer, OPENED_CUSTOMERS_KEPT, saveOpenedCustomer } from './opened-customers';

function record(id: string): CustomerRecord {
  return {
    customer: { id, name: `Customer ${id}`, email: null, createdAt: 1, identities: [] },
    orders: [],
    conversations: [],
  };
}

const count = (db: ReturnType<typeof openCache>) =>
  db.prepare('SELECT count(*) FROM opened_customers').pluck().get() as number;

describe('opened customers', () => {
  it('keeps the latest copy of each with when it was fetched, and forgets one on request', () => {
    const db = openCache(':memory:');
    saveOpenedCustomer(db, record('cu1'), 1_000);
    const renamed = { ...record('cu1'), customer: { ...record('cu1').customer, name: 'Renamed' } };
    saveOpenedCustomer(db, renamed, 2_000);
    expect(getOpenedCustomer(db, 'cu1')).toEqual({ record: renamed, fetchedAt: 2_000 });
    forgetOpenedCustomer(db, 'cu1');
    expect(getOpenedCustomer(db, 'cu1')).toBeNull();
    db.close();
  });

  it('keeps only the most recently fetched', () => {
    const db = openCache(':memory:');
    for (let n = 0; n <= OPENED_CUSTOMERS_KEPT; n++) saveOpenedCustomer(db, record(`cu${n}`), n);
    expect(count(db)).toBe(OPENED_CUSTOMERS_KEPT);
    expect(getOpenedCustomer(db, 'cu0')).toBeNull();
    expect(getOpenedCustomer(db, `cu${OPENED_CUSTOMERS_KEPT}`)).not.toBeNull();
    db.close();
  });

  it('go when the cache is emptied for another user, and when the rep’s teams change', () => {
    const db = openCache(':memory:');
    saveOpenedCustomer(db, record('cu1'), 1);
    clearSynced(db);
    expect(count(db)).toBe(0);
    saveOpenedCustomer(db, record('cu1'), 1);
    clearAll(db);
    expect(count(db)).toBe(0);
    db.close();
  });
});
