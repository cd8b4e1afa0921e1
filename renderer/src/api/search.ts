import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** Type-ahead message search; idle until the query has two characters. */
export function useSearchMessages(query: string) {
  const transport = useTransport();
  const trimmed = query.trim();
  return useQuery({
    queryKey: queryKeys.search(trimmed),
    queryFn: () => transport.call('search:messages', { query: trimmed, limit: 20 }),
    enabled: trimmed.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
