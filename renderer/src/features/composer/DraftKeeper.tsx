import { useDraftKeeping } from '../../api/drafts';

/** Keeps the composer's drafts in the cache across reloads and restarts (api/drafts.ts). */
export function DraftKeeper() {
  useDraftKeeping();
  return null;
}
