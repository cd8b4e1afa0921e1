import { Button, Group, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconArrowMerge, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { Customer } from '../../../../shared/domain';
import { useConversationAction } from '../../api/actions';
import { useCustomerSearch } from '../../api/customers';
import { MergePreviewView } from './MergePreviewView';
import { FailedLine, LoadingLine } from './StateLines';
import classes from './Merge.module.css';

type Props = {
  opened: boolean;
  onClose: () => void;
  conversationId: string;
  /** The conversation's customer: the one merged away. */
  customer: Customer;
};

/**
 * "Merge into…": find the customer to keep, see what the merge leaves, confirm. Confirming queues
 * the `link` action; the panel then shows the kept customer, and the merge can be undone from its
 * history.
 */
export function MergeDialog({ opened, onClose, conversationId, customer }: Props) {
  const [query, setQuery] = useState('');
  const [targetId, setTargetId] = useState<string | null>(null);
  const act = useConversationAction();

  const close = () => {
    setQuery('');
    setTargetId(null);
    act.reset();
    onClose();
  };
  const confirm = () => {
    if (targetId === null) return;
    act.mutate({ action: { type: 'link', conversationId, customerId: targetId } }, { onSuccess: close });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Merge ${customer.name} into…`}
      size={520}
      centered
      data-testid="merge-dialog"
    >
      <Stack gap="sm">
        <TextInput
          data-autofocus
          label="Customer to keep"
          placeholder="Name, email, phone, order or tracking number"
          leftSection={<IconSearch size={14} />}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setTargetId(null);
          }}
          data-testid="merge-search"
        />
        <SearchResults query={query} excludeId={customer.id} selectedId={targetId} onSelect={setTargetId} />
        {targetId !== null && <MergePreviewView sourceCustomerId={customer.id} targetCustomerId={targetId} />}
        {act.isError && <FailedLine error={act.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            leftSection={<IconArrowMerge size={14} />}
            disabled={targetId === null}
            loading={act.isPending}
            onClick={confirm}
            data-testid="merge-confirm"
          >
            Merge
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type ResultsProps = {
  query: string;
  excludeId: string;
  selectedId: string | null;
  onSelect: (customerId: string) => void;
};

function SearchResults({ query, excludeId, selectedId, onSelect }: ResultsProps) {
  const search = useCustomerSearch(query);
  const trimmed = query.trim();
  if (trimmed.length < 2) {
    return (
      <Text size="sm" c="dimmed">
        Type at least two characters to search every customer.
      </Text>
    );
  }
  if (search.isError) return <FailedLine title="Search failed" error={search.error} />;
  if (!search.data) return <LoadingLine label="Searching…" />;
  const hits = search.data.hits.filter((hit) => hit.id !== excludeId);
  if (hits.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No other customer matches “{trimmed}”.
      </Text>
    );
  }
  return (
    <div className={classes.results} role="list" aria-label="Matching customers">
      {hits.map((hit) => (
        <UnstyledButton
          key={hit.id}
          role="listitem"
          className={classes.hit}
          aria-pressed={hit.id === selectedId}
          data-selected={hit.id === selectedId || undefined}
          onClick={() => onSelect(hit.id)}
          data-testid="merge-hit"
        >
          <Text size="sm" fw={600} truncate="end">
            {hit.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {hit.matchedBy === 'name' ? (hit.email ?? 'No email') : `${hit.matchedBy}: ${hit.matched}`}
          </Text>
        </UnstyledButton>
      ))}
    </div>
  );
}
