import { useSyncStatus } from '../../api/sync';
import { useEngineLink } from '../../api/transport';
import { OfflineBanner } from '../../components/OfflineBanner';

/**
 * The banner while the engine cannot reach the server. When the engine itself is out of reach
 * the workspace shows its own alert instead: that one is the real problem.
 */
export function OfflineNotice() {
  const link = useEngineLink();
  const sync = useSyncStatus().data;
  if (link.state !== 'connected' || sync?.connection !== 'offline') return null;
  return <OfflineBanner pending={sync.pendingActions} detail={sync.detail} />;
}
