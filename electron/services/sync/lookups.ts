// Lookups (shared/sync/lookups.ts): a request to the server over the sync socket, answered or
// failed within a timeout. Nothing is queued: a lookup needs the server now.
import { ErrorCode } from '../../../shared/domain';
import { CaredeskError, toErrorBody } from '../../../shared/domain';
import { tolerantAckOf } from '../../../shared/sync/ack';
import { lookups } from '../../../shared/sync/lookups';
import type { LookupInput, LookupName, LookupResult } from '../../../shared/sync/lookups';

/** How long a lookup waits for its answer before saying the server cannot be reached. */
export const LOOKUP_TIMEOUT_MS = 10_000;

/** What the rep reads when a lookup cannot reach the server, per lookup. */
export const OFFLINE_MESSAGES: Record<LookupName, string> = {
  customerSearch: 'You are offline — customer search needs the server.',
  customer: 'You are offline — this customer was not opened on this computer before, so it needs the server.',
  audit: 'You are offline — the audit log needs the server.',
  mergePreview: 'You are offline — a merge preview needs the server.',
  csat: 'You are offline — satisfaction scores need the server.',
  assignments: 'You are offline — how conversations were reassigned needs the server.',
};

interface LookupDeps {
  /** Sends on the connected socket; rejects at once when not connected, or on disconnect or timeout. */
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  timeoutMs?: number;
}

export interface LookupClient {
  /** The server's answer; throws a CaredeskError (`server_unreachable` when it cannot be asked). */
  lookup<N extends LookupName>(name: N, input: LookupInput<N>): Promise<LookupResult<N>>;
}

export function createLookupClient(deps: LookupDeps): LookupClient {
  const timeoutMs = deps.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  return {
    async lookup(name, input) {
      const { event, request, response } = lookups[name];
      // Refused here, with the field named, rather than by the server.
      const parsed = request.safeParse(input);
      if (!parsed.success) throw new CaredeskError('invalid_input', toErrorBody(parsed.error).message);
      const payload: unknown = parsed.data;
      let raw: unknown;
      try {
        raw = await deps.request(event, payload, timeoutMs);
      } catch {
        throw new CaredeskError('server_unreachable', OFFLINE_MESSAGES[name]);
      }
      const ack = tolerantAckOf(response).safeParse(raw);
      if (!ack.success) {
        throw new CaredeskError(
          'protocol_mismatch',
          'The server answered in a way this version of Caredesk cannot read. Update Caredesk.',
        );
      }
      if (!ack.data.ok) {
        const code = ErrorCode.safeParse(ack.data.error.code);
        // An error code newer than this engine still carries a message the rep can act on.
        throw new CaredeskError(code.success ? code.data : 'internal', ack.data.error.message);
      }
      return ack.data.value as LookupResult<typeof name>;
    },
  };
}
