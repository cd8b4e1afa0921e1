import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CallInput } from '../../../shared/api';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** Who else is around: read once, then kept current by presence:changed events (events.ts). */
export function usePresence() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.presence,
    queryFn: () => transport.call('presence:get', {}),
    staleTime: Infinity,
  });
}

export type PresenceInput = CallInput<'presence:set'>;

/** Tells the engine this rep's presence; throttled by the caller (lib/presence.ts). */
export function useSetPresence(): (input: PresenceInput) => Promise<unknown> {
  const transport = useTransport();
  return useCallback((input: PresenceInput) => transport.call('presence:set', input), [transport]);
}
