import { Button } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { SignOutInput } from '../../api/session';
import { useSignOut } from '../../api/session';
import type { SignOutBlock } from '../../components/SignOutDialog';
import { SignOutDialog } from '../../components/SignOutDialog';
import { useUiStore } from '../../state/ui';
import { errorCode, errorMessage } from '../../transport';

function blockFor(error: unknown): SignOutBlock {
  return errorCode(error) === 'unsent_replies'
    ? { kind: 'unsent_replies', message: errorMessage(error) }
    : { kind: 'failed', message: errorMessage(error) };
}

/**
 * Sign-out loses nothing without the rep's say: typed drafts and replies still in the engine's
 * outbox each stop it and ask first.
 */
export function SignOutButton() {
  const signOut = useSignOut();
  // Conversations with an unsent reply or note typed.
  const draftCount = useUiStore(
    (state) =>
      new Set(
        [...Object.entries(state.drafts), ...Object.entries(state.noteDrafts)]
          .filter(([, body]) => body.trim() !== '')
          .map(([id]) => id),
      ).size,
  );
  const [block, setBlock] = useState<SignOutBlock | null>(null);
  const lastInput = useRef<SignOutInput>({});

  const run = (input: SignOutInput) => {
    lastInput.current = input;
    signOut.mutate(input, { onError: (error) => setBlock(blockFor(error)) });
  };

  const start = () => {
    if (draftCount > 0) setBlock({ kind: 'drafts', count: draftCount });
    else run({});
  };

  const confirm = () => {
    if (block?.kind === 'drafts') run({});
    else if (block?.kind === 'unsent_replies') run({ discardUnsentReplies: true });
    else run(lastInput.current);
  };

  return (
    <>
      <Button
        variant="subtle"
        color="gray"
        size="compact-sm"
        leftSection={<IconLogout size={14} />}
        loading={signOut.isPending && block === null}
        onClick={start}
        data-testid="signout"
      >
        Sign out
      </Button>
      <SignOutDialog block={block} busy={signOut.isPending} onStay={() => setBlock(null)} onConfirm={confirm} />
    </>
  );
}
