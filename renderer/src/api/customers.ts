import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** Customers of the organisation by name, email, phone, order or tracking number (server only). */
export function useCustomerSearch(query: string) {
  const transport = useTransport();
  const trimmed = query.trim();
  return useQuery({
    queryKey: queryKeys.customerSearch(trimmed),
    queryFn: () => transport.call('customers:search', { query: trimmed, limit: 8 }),
    enabled: trimmed.length >= 2,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** One customer as the server holds it, with the merges into it; a cached copy when offline. */
export function useCustomerRecord(customerId: string | null) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.customerRecord(customerId ?? ''),
    queryFn: () => transport.call('customers:get', { customerId: customerId ?? '' }),
    enabled: customerId !== null,
    retry: false,
  });
}

/** The customer a merge of `sourceCustomerId` into `targetCustomerId` would leave. */
export function useMergePreview(sourceCustomerId: string, targetCustomerId: string | null) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.mergePreview(sourceCustomerId, targetCustomerId ?? ''),
    queryFn: () =>
      transport.call('customers:merge-preview', { sourceCustomerId, targetCustomerId: targetCustomerId ?? '' }),
    enabled: targetCustomerId !== null,
    retry: false,
  });
}

/** An admin erases a customer on the server; the cached records of them go as its deletions arrive. */
export function useEraseCustomer() {
  const transport = useTransport();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { customerId: string; confirmName: string }) => transport.call('customers:erase', input),
    onSuccess: (_result, { customerId }) => {
      client.removeQueries({ queryKey: queryKeys.customerRecord(customerId) });
      void client.invalidateQueries({ queryKey: queryKeys.inbox });
    },
  });
}
