import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { TransportProvider } from '../api/transport';
import type { RendererTransport } from '../transport';
import { createQueryClient } from './queryClient';
import { Root } from './Root';
import { cssVariablesResolver, theme } from './theme';

export function App({ transport }: { transport: RendererTransport }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <Notifications position="bottom-right" limit={4} containerWidth={380} />
      <TransportProvider transport={transport}>
        <QueryClientProvider client={queryClient}>
          <Root />
        </QueryClientProvider>
      </TransportProvider>
    </MantineProvider>
  );
}
