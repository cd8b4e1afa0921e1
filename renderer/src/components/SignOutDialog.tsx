import type { ConfirmCopy, ConfirmTestIds } from './ConfirmDialog';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Why sign-out is on hold: typed drafts that were never sent, replies the engine still holds in
 * its outbox (`unsent_replies`), or a sign-out that failed for another reason.
 */
export type SignOutBlock =
  { kind: 'drafts'; count: number } | { kind: 'unsent_replies'; message: string } | { kind: 'failed'; message: string };

type Props = {
  block: SignOutBlock | null;
  busy: boolean;
  onStay: () => void;
  onConfirm: () => void;
};

/** Said by both sign-out and sign-in (as another user) when the engine would drop unsent replies. */
export const DISCARDED_REPLIES_CONSEQUENCE =
  'Discarded replies are deleted from this computer and never reach the customer.';

const TEST_IDS: ConfirmTestIds = {
  dialog: 'signout-dialog',
  message: 'signout-message',
  cancel: 'signout-stay',
  confirm: 'signout-confirm',
};

function describe(block: SignOutBlock): ConfirmCopy {
  const base = { kind: block.kind, cancel: 'Stay signed in' };
  switch (block.kind) {
    case 'drafts':
      return {
        ...base,
        title: 'Unsent drafts',
        message: `You have started ${block.count === 1 ? 'a reply' : `replies in ${block.count} conversations`} without sending ${block.count === 1 ? 'it' : 'them'}.`,
        consequence: 'Signing out clears the reply boxes on this computer.',
        confirm: 'Discard drafts and sign out',
        danger: true,
      };
    case 'unsent_replies':
      return {
        ...base,
        title: 'Replies not sent yet',
        message: block.message,
        consequence: DISCARDED_REPLIES_CONSEQUENCE,
        confirm: 'Discard and sign out',
        danger: true,
      };
    case 'failed':
      return {
        ...base,
        title: 'Could not sign out',
        message: block.message,
        consequence: null,
        confirm: 'Try again',
        danger: false,
      };
  }
}

/** "Stay signed in" is the default and takes focus; Esc also stays (see ConfirmDialog). */
export function SignOutDialog({ block, busy, onStay, onConfirm }: Props) {
  return (
    <ConfirmDialog
      reason={block}
      describe={describe}
      busy={busy}
      onCancel={onStay}
      onConfirm={onConfirm}
      testIds={TEST_IDS}
    />
  );
}
