import { IconArrowBigUpLines } from '@tabler/icons-react';
import type { SyncUpdate } from '../../../shared/api';
import { WorkspaceBanner } from './WorkspaceBanner';

type Props = { update: SyncUpdate; pending: number };

/** The banner's words: a calm note while this version still syncs, a plain instruction once it cannot. */
export function updateNotice({ required, skipped }: SyncUpdate, pending: number): string {
  if (required) {
    const waiting = pending === 0 ? '' : ` ${pending} ${pending === 1 ? 'change waits' : 'changes wait'} for it.`;
    return `Update Caredesk to keep syncing: this version can no longer sync with the server. Your changes are kept and sent after the update.${waiting}`;
  }
  const unseen =
    skipped === 0 ? '' : ` ${skipped} ${skipped === 1 ? 'update' : 'updates'} from the server will appear after it.`;
  return `A newer Caredesk is available — update to see everything.${unseen}`;
}

/** Across the workspace when a newer Caredesk exists: calm while this one still syncs, firm once it cannot. */
export function UpdateBanner({ update, pending }: Props) {
  return (
    <WorkspaceBanner
      color={update.required ? 'orange' : 'blue'}
      icon={<IconArrowBigUpLines size={16} />}
      testId="update-banner"
      data={{ 'data-required': update.required }}
    >
      {updateNotice(update, pending)}
    </WorkspaceBanner>
  );
}
