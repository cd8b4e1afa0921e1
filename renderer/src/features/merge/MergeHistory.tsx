import { Button, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import type { MergeEntry } from '../../../../shared/sync/lookups';
import { useConversationAction } from '../../api/actions';
import { useCustomerRecord } from '../../api/customers';
import { SectionHeading } from '../../components/SectionHeading';
import { formatDate, formatFull } from '../../lib/time';
import classes from './Merge.module.css';
import { FailedLine, LoadingLine } from './StateLines';

type Props = {
  conversationId: string;
  customerId: string;
  /** Names of the users who may have merged, by id. */
  people: Readonly<Record<string, { name: string }>>;
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The merges into the customer (from the server), newest first, each with Undo until it is undone. */
export function MergeHistory({ conversationId, customerId, people }: Props) {
  const record = useCustomerRecord(customerId);
  const act = useConversationAction();

  let body;
  if (record.isError) {
    body = <FailedLine error={record.error} />;
  } else if (!record.data) {
    body = <LoadingLine label="Loading merge history…" />;
  } else {
    const merges = record.data.record.merges ?? [];
    body = (
      <>
        {record.data.source === 'cache' && (
          <Text size="xs" c="dimmed">
            Offline: as of {formatFull(record.data.fetchedAt)}. An undo waits for the connection.
          </Text>
        )}
        {merges.length === 0 ? (
          <Text size="sm" c="dimmed">
            No other customer was merged into this one.
          </Text>
        ) : (
          merges.map((merge) => (
            <MergeRow
              key={merge.id}
              merge={merge}
              by={people[merge.by]?.name ?? 'a teammate'}
              busy={act.isPending && act.variables.action.type === 'undoMerge'}
              onUndo={() => act.mutate({ action: { type: 'undoMerge', conversationId, mergeId: merge.id } })}
            />
          ))
        )}
        {act.isError && <FailedLine error={act.error} />}
      </>
    );
  }

  return (
    <div className={classes.history} data-testid="merge-history">
      <SectionHeading>Merge history</SectionHeading>
      {body}
    </div>
  );
}

type RowProps = { merge: MergeEntry; by: string; busy: boolean; onUndo: () => void };

function MergeRow({ merge, by, busy, onUndo }: RowProps) {
  const moved = [
    plural(merge.identityCount, 'identity', 'identities'),
    plural(merge.orderCount, 'order'),
    plural(merge.conversationCount, 'conversation'),
  ].join(' · ');
  return (
    <div className={classes.entry} data-testid="merge-entry">
      <div>
        <Text size="sm" truncate="end">
          <b>{merge.sourceName}</b> merged in
        </Text>
        <Text size="xs" c="dimmed" title={formatFull(merge.at)}>
          {formatDate(merge.at)} by {by} · {moved}
        </Text>
        {merge.undoneAt !== null && (
          <Text size="xs" c="dimmed" title={formatFull(merge.undoneAt)}>
            Undone {formatDate(merge.undoneAt)}
          </Text>
        )}
      </div>
      {merge.undoneAt === null && (
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconArrowBackUp size={12} />}
          loading={busy}
          onClick={onUndo}
          aria-label={`Undo the merge of ${merge.sourceName}`}
          data-testid="merge-undo"
        >
          Undo
        </Button>
      )}
    </div>
  );
}
