import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** The rep's canned resolutions (their own and their teams'), sorted by title; refreshed by `resolutions:changed`. */
export function useResolutions() {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.resolutions,
    queryFn: async () => (await transport.call('resolutions:list', {})).resolutions,
  });
}

export type SaveResolutionInput = CallInput<'resolutions:save'>;

/** Saves one (new without an id); the engine refuses at once what the server would refuse. */
export function useSaveResolution() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveResolutionInput) => transport.call('resolutions:save', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.resolutions }),
  });
}

export function useDeleteResolution() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => transport.call('resolutions:delete', { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.resolutions }),
  });
}
