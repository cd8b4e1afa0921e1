import { useSyncStatus } from '../../api/sync';
import { useEngineLink } from '../../api/transport';
import { ConnectionIndicator } from '../../components/ConnectionIndicator';
import type { ConnectionView } from '../../components/ConnectionIndicator';
import { errorMessage } from '../../transport';

/** The engine's sync state, overridden by "offline" when the engine itself is out of reach. */
export function ConnectionStatus() {
  const link = useEngineLink();
  const sync = useSyncStatus();
  const data = sync.data;
  const view: ConnectionView =
    link.state !== 'connected'
      ? {
          state: 'offline',
          detail: link.detail,
          pendingActions: data?.pendingActions ?? 0,
          lastSyncedAt: data?.lastSyncedAt ?? null,
          showDetail: false,
        }
      : data
        ? {
            state: data.connection,
            detail: data.detail,
            pendingActions: data.pendingActions,
            lastSyncedAt: data.lastSyncedAt,
            // Offline, the banner under the header says why (OfflineNotice).
            showDetail: data.connection !== 'offline',
          }
        : {
            state: 'syncing',
            detail: sync.isError ? errorMessage(sync.error) : null,
            pendingActions: 0,
            lastSyncedAt: null,
          };
  return <ConnectionIndicator {...view} />;
}
