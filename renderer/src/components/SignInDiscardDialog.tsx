import type { ConfirmCopy, ConfirmTestIds } from './ConfirmDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { DISCARDED_REPLIES_CONSEQUENCE } from './SignOutDialog';

type Props = {
  /** The engine's `unsent_replies` message (it names the user whose replies would go); null closes. */
  message: string | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
};

const TEST_IDS: ConfirmTestIds = {
  dialog: 'signin-discard-dialog',
  message: 'signin-discard-message',
  cancel: 'signin-discard-cancel',
  confirm: 'signin-discard-confirm',
};

function describe(message: string): ConfirmCopy {
  return {
    kind: 'unsent_replies',
    title: 'Replies not sent yet',
    message,
    consequence: DISCARDED_REPLIES_CONSEQUENCE,
    cancel: 'Cancel',
    confirm: 'Discard and sign in',
    danger: true,
  };
}

/** Signing in as someone else would drop another user's unsent replies: "Cancel" is the default. */
export function SignInDiscardDialog({ message, busy, onCancel, onConfirm }: Props) {
  return (
    <ConfirmDialog
      reason={message}
      describe={describe}
      busy={busy}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testIds={TEST_IDS}
    />
  );
}
