import { Badge, Button, Group, Modal, Paper, ScrollArea, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPencil, IconPlus, IconSearch, IconTemplate } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ResolutionView } from '../../../../shared/api';
import { fillTemplate } from '../../../../shared/canned';
import type { FillContext } from '../../../../shared/canned';
import type { User } from '../../../../shared/domain';
import { EmptyView, ErrorView } from '../../components/StateViews';
import { fuzzyFilter } from './fuzzy';
import { mayEdit, scopeLabel, thenWords } from './scope';

type Props = {
  opened: boolean;
  onClose: () => void;
  items: readonly ResolutionView[] | undefined;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  ctx: FillContext | null;
  user: User | null;
  teamName: (id: string) => string;
  onInsert: (item: ResolutionView) => void;
  onNew: () => void;
  onEdit: (id: string) => void;
};

/**
 * The canned resolution picker: type to filter (fuzzy, titles and text), arrows to move, Enter to
 * put the filled text in the reply box. The highlighted one is previewed, filled from the
 * conversation, with what could not be filled.
 */
export function CannedPicker(props: Props) {
  const { opened, onClose, items, loading, error, onRetry, ctx, user, teamName, onInsert, onNew, onEdit } = props;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => fuzzyFilter(items ?? [], query), [items, query]);
  const current = matches[Math.min(active, matches.length - 1)] ?? null;
  const preview = current && ctx ? fillTemplate(current.body, ctx) : null;

  const close = () => {
    setQuery('');
    setActive(0);
    onClose();
  };
  const insert = (item: ResolutionView) => {
    onInsert(item);
    close();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (matches.length === 0 ? 0 : (index + step + matches.length) % matches.length));
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      insert(current);
    }
  };

  let list;
  if (loading) {
    list = (
      <Stack gap={6} p="xs" aria-busy>
        <Skeleton height={28} />
        <Skeleton height={28} />
        <Skeleton height={28} />
      </Stack>
    );
  } else if (error !== null) {
    list = <ErrorView title="Could not load canned resolutions" message={error} onRetry={onRetry} />;
  } else if ((items ?? []).length === 0) {
    list = (
      <EmptyView
        icon={<IconTemplate size={22} stroke={1.5} />}
        title="No canned resolutions yet"
        description="Save a reply you send often with New, then insert it from here."
      />
    );
  } else if (matches.length === 0) {
    list = <EmptyView icon={<IconSearch size={22} stroke={1.5} />} title={`Nothing matches “${query.trim()}”`} />;
  } else {
    list = (
      <ScrollArea.Autosize mah={320}>
        <Stack gap={2} role="listbox" aria-label="Canned resolutions" id="canned-options" data-testid="canned-list">
          {matches.map((item, index) => {
            const selected = item === current;
            return (
              <Paper
                key={item.id}
                role="option"
                aria-selected={selected}
                id={`canned-option-${item.id}`}
                p={6}
                radius="sm"
                bg={selected ? 'var(--mantine-color-default-hover)' : undefined}
                withBorder={selected}
                onMouseEnter={() => setActive(index)}
                onClick={() => insert(item)}
                style={{ cursor: 'pointer' }}
                data-testid="canned-option"
                data-title={item.title}
              >
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500} truncate style={{ flex: 1 }}>
                    {item.title}
                  </Text>
                  <Badge size="xs" variant="light" color={item.teamId ? 'teal' : 'gray'} data-testid="canned-scope">
                    {scopeLabel(item, teamName)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {item.body}
                </Text>
              </Paper>
            );
          })}
        </Stack>
      </ScrollArea.Autosize>
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="Canned resolutions" size="xl" data-testid="canned-picker">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <TextInput
            data-autofocus
            style={{ flex: 1 }}
            leftSection={<IconSearch size={14} />}
            placeholder="Search titles and text…"
            aria-label="Search canned resolutions"
            role="combobox"
            aria-expanded
            aria-controls="canned-options"
            aria-activedescendant={current ? `canned-option-${current.id}` : undefined}
            value={query}
            onChange={(event) => {
              setQuery(event.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            data-testid="canned-search"
          />
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={onNew}>
            New
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPencil size={14} />}
            disabled={!current || !mayEdit(current, user)}
            onClick={() => current && onEdit(current.id)}
            data-testid="canned-edit"
          >
            Edit
          </Button>
        </Group>
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <div style={{ flex: 1, minWidth: 0 }}>{list}</div>
          {current && (
            <Paper withBorder p="xs" radius="sm" style={{ flex: 1, minWidth: 0 }} aria-label="Preview">
              <Text size="xs" c="dimmed" mb={4}>
                Preview{ctx ? '' : ' (open a conversation to fill it)'}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="canned-picker-preview">
                {preview ? preview.text : current.body}
              </Text>
              {preview?.unfilled.map((gap) => (
                <Group key={gap.variable} gap={4} wrap="nowrap" mt={4}>
                  <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" style={{ flexShrink: 0 }} />
                  <Text size="xs" c="orange">
                    {gap.message}
                  </Text>
                </Group>
              ))}
              {thenWords(current.then) && (
                <Text size="xs" c="dimmed" mt={4}>
                  With the send: {thenWords(current.then)}
                </Text>
              )}
            </Paper>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          ↑ ↓ to move, Enter to insert, Esc to close
        </Text>
      </Stack>
    </Modal>
  );
}
