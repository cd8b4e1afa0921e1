import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** Kept current by sync:changed events (see events.ts); fetched once per session. */
export function useSyncStatus() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.syncStatus,
    queryFn: () => transport.call('sync:status', {}),
    staleTime: Infinity,
  });
}
