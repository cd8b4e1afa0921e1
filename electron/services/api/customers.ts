// Customers beyond the rep's conversations: searched and fetched on the server (lookups); what the
// rep opened is kept in the cache so it still shows offline.
import type { ApiHandlers } from '../../../shared/api';
import { CaredeskError } from '../../../shared/domain';
import type { User } from '../../../shared/domain';
import type { Db } from '../db/open';
import { forgetOpenedCustomer, getOpenedCustomer, saveOpenedCustomer } from '../db/opened-customers';
import type { LookupClient } from '../sync/lookups';

interface CustomerDeps {
  db: Db;
  clock: () => number;
  requireUser: () => User;
  lookups: LookupClient;
}

type CustomerHandlers = Pick<ApiHandlers, 'customers:search' | 'customers:get' | 'customers:merge-preview'>;

export function customerHandlers(deps: CustomerDeps): CustomerHandlers {
  const { db, lookups } = deps;
  return {
    'customers:search': async (input) => {
      deps.requireUser();
      return lookups.lookup('customerSearch', input);
    },

    'customers:merge-preview': async (input) => {
      deps.requireUser();
      return lookups.lookup('mergePreview', input);
    },

    'customers:get': async ({ customerId }) => {
      deps.requireUser();
      try {
        const record = await lookups.lookup('customer', { customerId });
        const fetchedAt = deps.clock();
        saveOpenedCustomer(db, record, fetchedAt);
        return { record, source: 'server', fetchedAt };
      } catch (error) {
        if (!(error instanceof CaredeskError)) throw error;
        // Offline (or no answer in time): the copy from when the rep last opened it, saying so.
        const cached = error.code === 'server_unreachable' ? getOpenedCustomer(db, customerId) : null;
        if (cached) return { ...cached, source: 'cache' };
        // Erased or merged away: a copy kept offline would show a customer that no longer exists.
        if (error.code === 'not_found') forgetOpenedCustomer(db, customerId);
        throw error;
      }
    },
  };
}
