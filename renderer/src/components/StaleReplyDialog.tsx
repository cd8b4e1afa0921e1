import type { ConfirmCopy, ConfirmTestIds } from './ConfirmDialog';
import { ConfirmDialog } from './ConfirmDialog';

type Props = {
  /** The engine's `stale_view` message; null closes. */
  message: string | null;
  busy: boolean;
  onReview: () => void;
  onSendAnyway: () => void;
};

const TEST_IDS: ConfirmTestIds = {
  dialog: 'stale-dialog',
  message: 'stale-message',
  cancel: 'stale-review',
  confirm: 'stale-send',
};

function describe(message: string): ConfirmCopy {
  return {
    kind: 'stale_view',
    title: 'New message from the customer',
    message,
    consequence: 'Your reply stays in the box while you read it.',
    cancel: 'Review',
    confirm: 'Send anyway',
    danger: false,
  };
}

/** The customer wrote again while the rep was typing: "Review" (the default) keeps the draft. */
export function StaleReplyDialog({ message, busy, onReview, onSendAnyway }: Props) {
  return (
    <ConfirmDialog
      reason={message}
      describe={describe}
      busy={busy}
      onCancel={onReview}
      onConfirm={onSendAnyway}
      testIds={TEST_IDS}
    />
  );
}
