import { useSyncStatus } from '../../api/sync';
import { useEngineLink } from '../../api/transport';
import { OfflineBanner } from '../../components/OfflineBanner';
import { UpdateBanner } from '../../components/UpdateBanner';

/**
 * The banner under the header: that Caredesk must be updated to sync at all, else that the
 * engine cannot reach the server, else that a newer Caredesk is available. When the engine itself
 * is out of reach the workspace shows its own alert instead: that one is the real problem.
 */
export function OfflineNotice() {
  const link = useEngineLink();
  const sync = useSyncStatus().data;
  if (link.state !== 'connected' || !sync) return null;
  if (sync.update?.required) return <UpdateBanner update={sync.update} pending={sync.pendingActions} />;
  if (sync.connection === 'offline') return <OfflineBanner pending={sync.pendingActions} detail={sync.detail} />;
  if (sync.update) return <UpdateBanner update={sync.update} pending={sync.pendingActions} />;
  return null;
}
