import type { Identity } from '../../../../shared/domain';
import { useConversationAction } from '../../api/actions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { ConfirmCopy } from '../../components/ConfirmDialog';
import { errorMessage } from '../../transport';

type Props = {
  conversationId: string;
  customerName: string;
  /** The identity to split off; null closes the dialog. */
  identity: Identity | null;
  onClose: () => void;
};

const TEST_IDS = { dialog: 'split-dialog', message: 'split-message', cancel: 'split-cancel', confirm: 'split-confirm' };

/** Asks before an identity added by mistake moves to a customer of its own. */
export function SplitIdentityDialog({ conversationId, customerName, identity, onClose }: Props) {
  const act = useConversationAction();
  const describe = (shown: Identity): ConfirmCopy => ({
    title: 'Split off this identity?',
    message: act.isError
      ? errorMessage(act.error)
      : `${shown.display} leaves ${customerName} and becomes a customer of its own, named “${shown.display}”.`,
    consequence:
      'Conversations that can only have come through it go with it; the rest stay. Link them again to undo this.',
    cancel: 'Keep it',
    confirm: 'Split off',
    danger: false,
    kind: 'split',
  });
  const close = () => {
    act.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      reason={identity}
      describe={describe}
      busy={act.isPending}
      onCancel={close}
      onConfirm={() => {
        if (!identity) return;
        act.mutate(
          { action: { type: 'splitIdentity', conversationId, identityId: identity.id } },
          { onSuccess: close },
        );
      }}
      testIds={TEST_IDS}
    />
  );
}
