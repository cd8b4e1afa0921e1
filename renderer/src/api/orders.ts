import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** Refunds of the lead's teams waiting for approval, from the engine's cache; reread when conversations change. */
export function useApprovals(enabled: boolean) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.approvals,
    queryFn: () => transport.call('orders:approvals', {}),
    enabled,
  });
}
