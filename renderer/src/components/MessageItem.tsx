import { Button } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconChecks, IconRefresh } from '@tabler/icons-react';
import type { Message } from '../../../shared/domain';
import { formatFull, formatMessageTime } from '../lib/time';
import { AttachmentList } from './AttachmentList';
import { ChannelTag } from './ChannelIcon';
import classes from './Message.module.css';
import { PendingMark } from './PendingMark';

type Props = {
  message: Message;
  /** The rep who wrote an outbound message. */
  authorName: string | null;
  now: number;
  /** Why a failed message failed, when known. */
  error?: string | undefined;
  /** False while the engine cannot reach the server: pending replies wait in the outbox. */
  online: boolean;
  /** Sends a failed reply again; absent when it cannot be retried. */
  onRetry?: (() => void) | undefined;
};

const FAILED_FALLBACK = 'Not delivered. The customer has not received this message.';

function OutboundStatus({ status, online }: { status: Message['status']; online: boolean }) {
  switch (status) {
    case 'pending':
      return <PendingMark online={online} />;
    case 'sent':
      return (
        <span className={classes.status} title="Sent">
          <IconCheck size={11} aria-hidden /> Sent
        </span>
      );
    case 'delivered':
      return (
        <span className={classes.status} title="Delivered">
          <IconChecks size={11} aria-hidden /> Delivered
        </span>
      );
    case 'read':
      return (
        <span className={classes.status} title="Read by the customer">
          <IconChecks size={11} aria-hidden /> Read
        </span>
      );
    default:
      return null;
  }
}

export function MessageItem({ message, authorName, now, error, online, onRetry }: Props) {
  const outbound = message.direction === 'outbound';
  return (
    <div
      className={classes.item}
      data-testid="message"
      data-direction={message.direction}
      data-status={message.status}
      data-message-id={message.id}
    >
      <div className={classes.meta}>
        {outbound && (
          // Caredesk itself sends only the satisfaction survey (no author); a rep's name may be unknown here.
          <span className={classes.author}>
            {message.authorId === null ? 'Automatic survey' : (authorName ?? 'Agent')}
          </span>
        )}
        <ChannelTag channel={message.channel} size={12} />
        <time dateTime={new Date(message.createdAt).toISOString()} title={formatFull(message.createdAt)}>
          {formatMessageTime(message.createdAt, now)}
        </time>
        {outbound && <OutboundStatus status={message.status} online={online} />}
      </div>
      {/* A message may be only media: then there is no empty bubble. */}
      {(message.body !== '' || !message.attachments?.length) && <div className={classes.bubble}>{message.body}</div>}
      {message.attachments?.length ? <AttachmentList attachments={message.attachments} /> : null}
      {message.status === 'failed' && (
        <div className={classes.failed} role="alert">
          <IconAlertCircle size={12} aria-hidden /> <span data-testid="failure-reason">{error ?? FAILED_FALLBACK}</span>
          {onRetry && (
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              leftSection={<IconRefresh size={12} aria-hidden />}
              onClick={onRetry}
              aria-label="Send this reply again"
              data-testid="retry-reply"
            >
              Retry
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

export function DayDivider({ label }: { label: string }) {
  return (
    <div className={classes.day} role="separator">
      {label}
    </div>
  );
}
