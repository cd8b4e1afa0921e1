import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SaveAssistSettings } from '../../../shared/api';
import { queryKeys } from './keys';
import { useTransport } from './transport';

/** This machine's language-model settings (the key itself never reaches the renderer). */
export function useAssistSettings(enabled: boolean) {
  const transport = useTransport();
  return useQuery({
    queryKey: queryKeys.assistSettings,
    queryFn: () => transport.call('assist:get', {}),
    enabled,
  });
}

export function useSaveAssistSettings() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveAssistSettings) => transport.call('assist:save', input),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.assistSettings, settings);
      // Suggestions ask the model (or stop asking) from now on.
      void queryClient.invalidateQueries({ queryKey: ['inbox', 'suggestions'] });
    },
  });
}

export function useTestAssist() {
  const transport = useTransport();
  return useMutation({ mutationFn: () => transport.call('assist:test', {}) });
}
