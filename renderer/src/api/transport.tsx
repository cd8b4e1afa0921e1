import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { EngineLink, RendererTransport } from '../transport';

const TransportContext = createContext<RendererTransport | null>(null);

export function TransportProvider({ transport, children }: { transport: RendererTransport; children: ReactNode }) {
  return <TransportContext.Provider value={transport}>{children}</TransportContext.Provider>;
}

export function useTransport(): RendererTransport {
  const transport = useContext(TransportContext);
  if (!transport) throw new Error('useTransport must be used inside <TransportProvider>');
  return transport;
}

/** Whether the local engine is reachable right now. */
export function useEngineLink(): EngineLink {
  const transport = useTransport();
  return useSyncExternalStore(
    (notify) => transport.onLink(notify),
    () => transport.link(),
  );
}
