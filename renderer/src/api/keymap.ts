import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Keymap } from '../../../shared/api';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** The signed-in rep's remapped shortcuts, from this machine's cache. */
export function useKeymap() {
  const transport = useTransport();
  return useQuery({ queryKey: queryKeys.keymap, queryFn: () => transport.call('keymap:get', {}) });
}

export function useSaveKeymap() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Keymap) => transport.call('keymap:save', input),
    onSuccess: (keymap) => queryClient.setQueryData(queryKeys.keymap, keymap),
  });
}
