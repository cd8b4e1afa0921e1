import { ActionIcon, Badge, CloseButton, Group, Tooltip } from '@mantine/core';
import { IconTemplate } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ResolutionView } from '../../../../shared/api';
import { fillTemplate, unsendableReasons } from '../../../../shared/canned';
import { useConversation, useTeams } from '../../api/inbox';
import { useResolutions } from '../../api/resolutions';
import { useSession } from '../../api/session';
import { useUiStore } from '../../state/ui';
import { errorMessage } from '../../transport';
import { useActOnConversation } from '../conversation/useActOnConversation';
import { useCommand } from '../keymap/registry';
import { useShortcutHint } from '../keymap/useCommandKeys';
import { CannedEditor } from './CannedEditor';
import { CannedPicker } from './CannedPicker';
import { fillContextOf } from './context';
import { thenWords } from './scope';
import { openCannedPicker, useCannedStore } from './store';

const HOUR = 3_600_000;

type Canned = {
  /** Why the reply cannot be sent yet (a variable left in it); null when it may go. */
  blocked: string | null;
  /** The toolbar button, and what runs with the send when a resolution with actions was inserted. */
  toolbar: ReactNode;
  /** The picker and the editor. */
  dialogs: ReactNode;
  /** After the reply was stored: queue the inserted resolution's actions. */
  afterSend: () => void;
};

/**
 * Canned resolutions in the composer of one conversation: the keymap's `canned.open` (`Ctrl/⌘+.`)
 * or the toolbar button opens the picker (`openCannedPicker` for other callers), Enter puts the filled text in the reply box,
 * a variable left in the reply blocks sending, and the actions of the inserted one run with the send.
 */
export function useCannedComposer(conversationId: string, draft: string, focusReply: () => void): Canned {
  const detail = useConversation(conversationId).data;
  const user = useSession().data?.user ?? null;
  const teams = useTeams().data ?? [];
  const resolutions = useResolutions();
  const { pickerOpen, editor, setPickerOpen, setEditor, setSendWith } = useCannedStore();
  const sendWith = useCannedStore((state) => state.sendWith[conversationId] ?? null);
  const setDraft = useUiStore((state) => state.setDraft);
  const setMode = useUiStore((state) => state.setComposerMode);
  const act = useActOnConversation();
  const ctx = detail ? fillContextOf(detail, user, Date.now()) : null;

  // The keymap's `canned.open` (Ctrl/⌘+. unless remapped) while a composer is on screen.
  useCommand('canned.open', openCannedPicker);
  const hint = useShortcutHint('canned.open');

  const insert = (item: ResolutionView) => {
    const text = ctx ? fillTemplate(item.body, ctx).text : item.body;
    const current = useUiStore.getState().drafts[conversationId] ?? '';
    setMode(conversationId, 'reply');
    setDraft(conversationId, current.trim() === '' ? text : `${current.trimEnd()}\n\n${text}`);
    setSendWith(conversationId, item.then && thenWords(item.then) ? { title: item.title, then: item.then } : null);
    window.requestAnimationFrame(focusReply);
  };

  const afterSend = () => {
    const pending = useCannedStore.getState().sendWith[conversationId];
    if (!pending) return;
    setSendWith(conversationId, null);
    for (const tag of pending.then.tags ?? []) act({ type: 'tag', conversationId, tag, on: true });
    if (pending.then.status === 'closed') act({ type: 'status', conversationId, status: 'closed' });
    else if (pending.then.snoozeHours) {
      act({ type: 'snooze', conversationId, until: Date.now() + pending.then.snoozeHours * HOUR });
    }
  };

  const reasons = ctx ? unsendableReasons(draft, ctx) : [];
  const teamName = (id: string) => teams.find((team) => team.id === id)?.name ?? 'Team';
  const edited = editor !== null && editor !== 'new' ? (resolutions.data ?? []).find((r) => r.id === editor.id) : null;

  return {
    blocked: reasons.length > 0 ? reasons.join(' · ') : null,
    afterSend,
    toolbar: (
      <Group gap={6} wrap="nowrap">
        <Tooltip label={hint.label ? `Canned resolutions (${hint.label})` : 'Canned resolutions'}>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label="Canned resolutions"
            aria-keyshortcuts={hint.aria}
            onClick={openCannedPicker}
            data-testid="canned-open"
          >
            <IconTemplate size={16} />
          </ActionIcon>
        </Tooltip>
        {sendWith && (
          <Badge
            size="sm"
            variant="light"
            color="teal"
            data-testid="canned-send-with"
            rightSection={
              <CloseButton
                size="xs"
                aria-label="Do not run these with the send"
                onClick={() => setSendWith(conversationId, null)}
              />
            }
          >
            With send: {thenWords(sendWith.then)}
          </Badge>
        )}
      </Group>
    ),
    dialogs: (
      <>
        <CannedPicker
          opened={pickerOpen && editor === null}
          onClose={() => setPickerOpen(false)}
          items={resolutions.data}
          loading={resolutions.isPending}
          error={resolutions.isError ? errorMessage(resolutions.error) : null}
          onRetry={() => void resolutions.refetch()}
          ctx={ctx}
          user={user}
          teamName={teamName}
          onInsert={insert}
          onNew={() => setEditor('new')}
          onEdit={(id) => setEditor({ id })}
        />
        {editor !== null && (
          <CannedEditor
            key={editor === 'new' ? 'new' : editor.id}
            item={edited ?? null}
            onClose={() => setEditor(null)}
            ctx={ctx}
            user={user}
            teams={teams}
          />
        )}
      </>
    ),
  };
}
