import { useQueryClient } from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import type { ConversationDetail, ConversationPage } from '../../../../shared/api';
import { Tag } from '../../../../shared/domain';
import { useTeamMembers } from '../../api/inbox';
import { queryKeys } from '../../api/keys';
import { usePresence } from '../../api/presence';
import { useSession } from '../../api/session';
import { ConversationActions } from '../../components/ConversationActions';
import type { TeamState } from '../../components/ConversationActions';
import { ConversationHeader } from '../../components/ConversationHeader';
import { PriorityMenu } from '../../components/PriorityMenu';
import { priorityOf } from '../../../../shared/domain/sla';
import type { SlaPriority } from '../../../../shared/domain/sla';
import { describeAssignedReason } from '../../../../shared/domain/routing';
import { TagsField } from '../../components/TagsField';
import { tagChanges } from '../../lib/conversationActions';
import { snoozeUntil } from '../../lib/snooze';
import { teammates as gatherTeammates } from '../../lib/team';
import { errorMessage } from '../../transport';
import { ConversationPresence } from '../presence/ConversationPresence';
import { useCommand } from '../keymap/registry';
import { useShortcutHint } from '../keymap/useCommandKeys';
import { useResolveAndNext } from './resolveAndNext';
import { useActOnConversation } from './useActOnConversation';

type Props = { detail: ConversationDetail; now: number };

/** Tags already used in the loaded inbox pages, offered while typing a new one. */
function useKnownTags(current: string[]): string[] {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const seen = new Set<string>();
    for (const [, data] of queryClient.getQueriesData<InfiniteData<ConversationPage>>({
      queryKey: queryKeys.inboxLists,
    })) {
      for (const page of data?.pages ?? []) for (const item of page.items) for (const tag of item.tags) seen.add(tag);
    }
    for (const tag of current) seen.delete(tag);
    return [...seen].sort();
  }, [queryClient, current]);
}

/** The conversation's header with its actions, tags and presence, and their commands. */
export function ConversationHeaderBar({ detail, now }: Props) {
  const summary = detail.conversation;
  const conversationId = summary.id;
  const me = useSession().data?.user ?? null;
  const presence = usePresence();
  const members = useTeamMembers(summary.teamId);
  const act = useActOnConversation();
  const [assignMenuOpen, setAssignMenuOpen] = useState(false);
  const [snoozeMenuOpen, setSnoozeMenuOpen] = useState(false);
  const [priorityMenuOpen, setPriorityMenuOpen] = useState(false);
  const [tagError, setTagError] = useState<string | null>(null);
  const tagsRef = useRef<HTMLInputElement>(null);
  const knownTags = useKnownTags(summary.tags);

  const assignee = summary.assigneeId ? { id: summary.assigneeId, name: summary.assigneeName } : null;
  const teammates = useMemo(
    () =>
      me
        ? gatherTeammates({
            me,
            members: members.data ?? [],
            reps: presence.data?.reps ?? [],
            assignee: summary.assigneeId ? { id: summary.assigneeId, name: summary.assigneeName } : null,
          })
        : [],
    [me, members.data, presence.data, summary.assigneeId, summary.assigneeName],
  );
  const team: TeamState = members.isPending
    ? { state: 'loading' }
    : members.isError
      ? { state: 'error', message: errorMessage(members.error) }
      : { state: 'ready' };

  const assign = (to: { id: string; name: string } | null) => {
    if ((to?.id ?? null) === summary.assigneeId) return;
    act({ type: 'assign', conversationId, assigneeId: to?.id ?? null }, { assigneeName: to?.name ?? null });
  };
  const setStatus = (status: 'open' | 'closed') => act({ type: 'status', conversationId, status });
  const snooze = (preset: Parameters<typeof snoozeUntil>[0]) =>
    act({ type: 'snooze', conversationId, until: snoozeUntil(preset, Date.now()) });

  // Reps change it only on an unassigned conversation or their own (shared/sync/actions/set-priority.ts).
  const mayPrioritize =
    me !== null && (me.role !== 'rep' || summary.assigneeId === null || summary.assigneeId === me.id);
  const prioritize = (priority: SlaPriority | null) => {
    if (priority === (summary.priority ?? null)) return;
    act({ type: 'setPriority', conversationId, priority });
  };

  const onTags = (next: string[]) => {
    for (const change of tagChanges(summary.tags, next)) {
      const parsed = Tag.safeParse(change.tag);
      if (!parsed.success) {
        setTagError(parsed.error.issues[0]?.message ?? 'Not a valid tag');
        continue;
      }
      setTagError(null);
      act({ type: 'tag', conversationId, tag: parsed.data, on: change.on });
    }
  };

  const resolveAndNext = useResolveAndNext();
  useCommand('conversation.assignMe', () => {
    if (me) assign({ id: me.id, name: me.name });
  });
  useCommand('conversation.assign', () => setAssignMenuOpen(true));
  useCommand('conversation.resolve', () => {
    if (summary.status === 'closed') setStatus('open');
    else resolveAndNext({ conversationId, name: summary.customerName.trim() || summary.customerHandle });
  });
  useCommand('conversation.snooze', () => setSnoozeMenuOpen(true));
  useCommand('conversation.tag', () => tagsRef.current?.focus());
  useCommand('conversation.priority', () => setPriorityMenuOpen(true));
  useCommand('priority.urgent', () => prioritize('urgent'));
  useCommand('priority.high', () => prioritize('high'));
  useCommand('priority.normal', () => prioritize('normal'));
  useCommand('priority.automatic', () => prioritize(null));
  const priorityKey = useShortcutHint('conversation.priority');
  const keys = {
    assignMe: useShortcutHint('conversation.assignMe'),
    assign: useShortcutHint('conversation.assign'),
    resolve: useShortcutHint('conversation.resolve'),
    snooze: useShortcutHint('conversation.snooze'),
  };
  const tagKey = useShortcutHint('conversation.tag');

  return (
    <ConversationHeader
      summary={summary}
      now={now}
      routingReason={
        summary.assignedReason
          ? describeAssignedReason(summary.assignedReason, (id) => detail.authors[id]?.name ?? null)
          : null
      }
      actions={
        me && (
          <ConversationActions
            status={summary.status}
            assignee={assignee}
            meId={me.id}
            // Reps move only unassigned conversations and their own (shared/sync/actions/assign.ts).
            canReassign={me.role !== 'rep' || summary.assigneeId === null || summary.assigneeId === me.id}
            teammates={teammates}
            team={team}
            now={now}
            assignMenuOpen={assignMenuOpen}
            snoozeMenuOpen={snoozeMenuOpen}
            onAssignMenu={setAssignMenuOpen}
            onSnoozeMenu={setSnoozeMenuOpen}
            onAssign={assign}
            onStatus={setStatus}
            onSnooze={snooze}
            keys={keys}
          />
        )
      }
      priority={
        <PriorityMenu
          priority={summary.priority ?? null}
          automatic={priorityOf(summary.urgency)}
          canChange={mayPrioritize}
          opened={priorityMenuOpen}
          onMenu={setPriorityMenuOpen}
          onChange={prioritize}
          keys={priorityKey}
        />
      }
      presence={<ConversationPresence conversationId={conversationId} />}
      tags={
        <TagsField
          tags={summary.tags}
          suggestions={knownTags}
          error={tagError}
          inputRef={tagsRef}
          onChange={onTags}
          onEscape={() => tagsRef.current?.blur()}
          shortcut={tagKey}
        />
      }
    />
  );
}
