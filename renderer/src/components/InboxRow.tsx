import { Badge, Skeleton } from '@mantine/core';
import {
  IconClock,
  IconEye,
  IconFlagFilled,
  IconFlame,
  IconMoodSad,
  IconMoodSmile,
  IconUser,
} from '@tabler/icons-react';
import type { CSSProperties, Ref } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import { CHANNEL_LABELS } from '../../../shared/domain';
import { INTENT_LABELS, SENTIMENT_LABELS } from '../../../shared/triage/taxonomy';
import { useSlaPolicyOf } from '../api/inbox';
import { formatAge, formatFull, waitingSeverity } from '../lib/time';
import { ChannelIcon } from './ChannelIcon';
import { SlaBadge } from './SlaBadge';
import { slaState } from '../../../shared/domain/sla';
import classes from './InboxRow.module.css';
import { CONVERSATION_STATUS_LABELS, ConversationStatusBadge } from './StatusBadges';
import { TagPills } from './TagPills';

export const INBOX_ROW_HEIGHT = 70;

type Props = {
  summary: ConversationSummary;
  now: number;
  index: number;
  /** How many conversations match in all: the list is virtualised, so say where this one is. */
  setSize: number;
  /** The open conversation. */
  selected: boolean;
  /** Holds the list's tab stop. */
  active: boolean;
  style: CSSProperties;
  /** Other reps with this conversation open. */
  viewers?: string[];
  /** An inbound message arrived since the rep last opened it. */
  unread?: boolean;
  ref?: Ref<HTMLDivElement>;
  onOpen: (index: number) => void;
  onFocusRow: (index: number) => void;
};

export function InboxRow({
  summary,
  now,
  index,
  setSize,
  selected,
  active,
  style,
  viewers = [],
  unread = false,
  ref,
  onOpen,
  onFocusRow,
}: Props) {
  const policyOf = useSlaPolicyOf();
  const name = summary.customerName.trim() || summary.customerHandle;
  const showHandle = summary.customerName.trim() !== '' && summary.customerHandle !== name;
  const waiting = summary.waitingSince;
  const age = waiting !== null ? formatAge(waiting, now) : formatAge(summary.lastMessageAt, now);
  const severity = waiting !== null ? waitingSeverity(waiting, now) : undefined;
  const ageTitle =
    waiting !== null ? `Waiting since ${formatFull(waiting)}` : `Last message ${formatFull(summary.lastMessageAt)}`;
  const pending = summary.pendingActions;
  const viewing = viewers.length > 0 ? `${viewers.join(', ')} viewing` : null;
  const intent = summary.intent ? INTENT_LABELS[summary.intent] : null;
  const mood = summary.sentiment && summary.sentiment !== 'neutral' ? SENTIMENT_LABELS[summary.sentiment] : null;
  const sla = slaState(summary, now, policyOf(summary.teamId));
  const urgent = summary.urgency >= 3 ? 'Urgent: unhappy customer with a late order' : null;
  // Only what a person set shows here: triage's own urgency has the flame.
  const marked =
    summary.priority === 'urgent' || summary.priority === 'high'
      ? `${summary.priority === 'urgent' ? 'Urgent' : 'High'} priority, set by a person`
      : null;
  // What a screen reader says for the row: the visible text, in order, with the pauses it lacks.
  const label = [
    unread ? 'unread' : null,
    showHandle ? `${name} ${summary.customerHandle}` : name,
    CHANNEL_LABELS[summary.channel],
    CONVERSATION_STATUS_LABELS[summary.status],
    waiting !== null ? `waiting ${age}` : age,
    viewing,
    summary.assigneeName ?? 'unassigned',
    sla
      ? `${sla.kind.replace('_', ' ')} ${sla.state === 'breached' ? 'overdue' : `due in ${formatAge(now, sla.dueAt)}`}`
      : null,
    marked,
    urgent,
    intent,
    mood,
    summary.tags.length > 0 ? `tags ${summary.tags.join(', ')}` : null,
    pending > 0 ? `${pending} pending` : null,
    summary.lastMessagePreview,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <div
      ref={ref}
      role="option"
      id={`inbox-row-${summary.id}`}
      aria-label={label}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={Math.max(setSize, index + 1)}
      tabIndex={active ? 0 : -1}
      className={classes.row}
      style={style}
      data-testid="inbox-row"
      data-conversation-id={summary.id}
      data-unread={unread}
      data-index={index}
      onClick={() => onOpen(index)}
      onFocus={() => onFocusRow(index)}
    >
      <div className={classes.line}>
        {unread && <span className={classes.unreadDot} data-testid="row-unread" aria-hidden />}
        <ChannelIcon channel={summary.channel} size={16} />
        <span
          className={classes.name}
          title={`${name} · ${summary.customerHandle} · ${CHANNEL_LABELS[summary.channel]}`}
        >
          {name}
          {showHandle && <span className={classes.handle}>{summary.customerHandle}</span>}
        </span>
        {viewing && (
          <span className={classes.viewers} title={viewing} data-testid="row-viewers">
            <IconEye size={13} stroke={1.8} aria-hidden />
            {viewers.length > 1 && viewers.length}
          </span>
        )}
        <span className={classes.age} data-severity={severity} title={ageTitle}>
          {age}
        </span>
      </div>
      <div className={classes.preview}>{summary.lastMessagePreview || '\u00a0'}</div>
      <div className={`${classes.line} ${classes.meta}`}>
        <span className={`${classes.assignee} ${summary.assigneeName ? '' : classes.unassigned}`}>
          <IconUser size={11} stroke={1.8} aria-hidden style={{ flexShrink: 0 }} />
          <span className={classes.assigneeName}>{summary.assigneeName ?? 'Unassigned'}</span>
        </span>
        {marked && (
          <span className={classes.priority} data-priority={summary.priority} title={marked} data-testid="row-priority">
            <IconFlagFilled size={12} aria-hidden />
          </span>
        )}
        {urgent && (
          <span className={classes.urgent} title={urgent} data-testid="row-urgent">
            <IconFlame size={13} stroke={1.8} aria-hidden />
          </span>
        )}
        {mood && !urgent && (
          <span className={classes.mood} data-sentiment={summary.sentiment} title={`${mood} sentiment`}>
            {summary.sentiment === 'negative' ? (
              <IconMoodSad size={13} stroke={1.8} aria-hidden />
            ) : (
              <IconMoodSmile size={13} stroke={1.8} aria-hidden />
            )}
          </span>
        )}
        {intent && (
          <Badge
            color="gray"
            variant="light"
            data-testid="row-intent"
            title={intent}
            style={{ flexShrink: 1, minWidth: 40, maxWidth: 120 }}
          >
            {intent}
          </Badge>
        )}
        <TagPills tags={summary.tags} />
        <span className={classes.spacer} />
        <SlaBadge sla={sla} now={now} />
        {pending > 0 && (
          <Badge
            color="gray"
            variant="outline"
            leftSection={<IconClock size={10} aria-hidden />}
            title={`${pending} ${pending === 1 ? 'change' : 'changes'} of yours waiting to be sent`}
            data-testid="row-pending"
            style={{ flexShrink: 0 }}
          >
            {pending} pending
          </Badge>
        )}
        <ConversationStatusBadge status={summary.status} snoozedUntil={summary.snoozedUntil} now={now} />
      </div>
    </div>
  );
}

export function InboxRowSkeleton() {
  return (
    <div className={classes.skeleton} style={{ height: INBOX_ROW_HEIGHT }} aria-hidden>
      <Skeleton height={10} width="55%" />
      <Skeleton height={8} width="85%" />
      <Skeleton height={8} width="35%" />
    </div>
  );
}
