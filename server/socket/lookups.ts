// Lookup events (shared/sync/lookups.ts): one handler per lookup, authorised per call by the same
// session check as every sync event (sync.ts passes its `handle` as `run`).
import type { Socket } from 'socket.io';
import type { User } from '../../shared/domain/entities';
import { CaredeskError } from '../../shared/domain/errors';
import { mayIn, reachOf, teamsReached } from '../../shared/domain/permissions';
import type { ErrorBody } from '../../shared/domain/errors';
import { lookups } from '../../shared/sync/lookups';
import type { LookupName, LookupRequest, LookupResult } from '../../shared/sync/lookups';
import { listAudit } from '../db/audit';
import { assignmentCounts } from '../db/assignment-counts';
import { csatReport } from '../db/csat';
import { MERGE_INTO_ITSELF } from '../../shared/sync/actions';
import { getCustomerRecord, previewMerge, searchCustomers } from '../db/lookups';
import type { Sql } from '../db/sql';
import { searchKeys } from '../services/customer-search';

/** Typed from `lookups`: a lookup without a handler does not compile. */
export type LookupHandlers = {
  [N in LookupName]: (user: User, request: LookupRequest<N>) => Promise<LookupResult<N>>;
};

/**
 * A rep finds any customer of the organisation (linking a conversation may name any of them) and
 * sees every identity and order, but only the conversations of their own teams, as sync shows
 * them. The audit log is for leads (rows of their teams, and of no team) and admins (all).
 */
export function lookupHandlers(sql: Sql, crmTouch: (customerId: string) => void = () => {}): LookupHandlers {
  return {
    customerSearch: async (_user, { query, limit }) => ({ hits: await searchCustomers(sql, searchKeys(query), limit) }),
    customer: async (user, { customerId }) => {
      const record = await getCustomerRecord(sql, customerId, user.teamIds);
      if (!record) {
        throw new CaredeskError(
          'not_found',
          'That customer record no longer exists: it may have been merged into another one. Search again.',
        );
      }
      // Opening a customer keeps their purchase history from connected records fresh.
      crmTouch(customerId);
      return record;
    },
    // Like opening a customer: any two of the organisation, before the rep confirms the link.
    mergePreview: async (_user, { sourceCustomerId, targetCustomerId }) => {
      if (sourceCustomerId === targetCustomerId) throw new CaredeskError('invalid_input', MERGE_INTO_ITSELF);
      const preview = await previewMerge(sql, sourceCustomerId, targetCustomerId);
      if (!preview) {
        throw new CaredeskError(
          'not_found',
          'One of these customers no longer exists: it may have been merged already.',
        );
      }
      return preview;
    },
    audit: async (user, query) => {
      if (reachOf(user.role, 'readAudit') === 'none') {
        throw new CaredeskError('forbidden', 'Only team leads and admins may read the audit log.');
      }
      const teamIds = teamsReached(user, 'readAudit');
      return listAudit(sql, query, teamIds === undefined ? { all: true } : { all: false, teamIds: [...teamIds] });
    },
    csat: async (user, { teamId, from, to, tzOffsetMinutes }) => {
      if (reachOf(user.role, 'manageCsat') === 'none') {
        throw new CaredeskError('forbidden', 'Only team leads and admins may read satisfaction scores.');
      }
      if (teamId !== null && !mayIn(user, 'manageCsat', teamId)) {
        throw new CaredeskError('not_found', 'That team is not one of yours.');
      }
      return csatReport(sql, teamId === null ? teamsReached(user, 'manageCsat') : [teamId], {
        from,
        to,
        tzOffsetMinutes,
      });
    },
    assignments: async (user, { teamId, from, to }) => {
      if (reachOf(user.role, 'readAudit') === 'none') {
        throw new CaredeskError('forbidden', 'Only team leads and admins may read how conversations were assigned.');
      }
      if (teamId !== null && !mayIn(user, 'readAudit', teamId)) {
        throw new CaredeskError('not_found', 'That team is not one of yours.');
      }
      return assignmentCounts(sql, teamId === null ? teamsReached(user, 'readAudit') : [teamId], { from, to });
    },
  };
}

type LookupAck = (answer: { ok: true; value: unknown } | { ok: false; error: ErrorBody }) => void;

/** Checks the socket's session, runs `work` with its user and acks the value or the error. */
export type RunLookup = (ack: LookupAck, work: (user: User) => Promise<unknown>) => void;

/** Listens for every lookup event on `socket`. A request that does not parse is answered `invalid_input`. */
export function installLookups(socket: Socket, handlers: LookupHandlers, run: RunLookup): void {
  for (const name of Object.keys(lookups) as LookupName[]) listen(socket, name, handlers, run);
}

function listen<N extends LookupName>(socket: Socket, name: N, handlers: LookupHandlers, run: RunLookup): void {
  const lookup = lookups[name];
  // The handler for this very name: TypeScript cannot follow N through the two lookups.
  const handler = handlers[name] as (user: User, request: unknown) => Promise<LookupResult<N>>;
  socket.on(lookup.event, (request: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    run(ack as LookupAck, (user) => handler(user, lookup.request.parse(request)));
  });
}
