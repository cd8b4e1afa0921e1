import { Alert, Autocomplete, Button, Code, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConsoleOverview } from '../../../../shared/api';
import { ACTION_TYPES } from '../../../../shared/sync/actions';
import { AuditEntityKind, SYSTEM_ACTOR, SYSTEM_AUDIT_TYPES } from '../../../../shared/sync/audit';
import type { AuditEntry } from '../../../../shared/sync/audit';
import { useAuditSearch } from '../../api/console';
import { formatFull } from '../../lib/time';
import { useUiStore } from '../../state/ui';
import { errorMessage } from '../../transport';

const TYPES = [...ACTION_TYPES, ...SYSTEM_AUDIT_TYPES];
const ANYONE = '*';

/** A date input's value (YYYY-MM-DD, the viewer's calendar) as the first or last millisecond of that day. */
function dayBound(value: string, end: boolean): number | undefined {
  if (!value) return undefined;
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return undefined;
  return end ? new Date(year, month - 1, day, 23, 59, 59, 999).getTime() : new Date(year, month - 1, day).getTime();
}

/** A changed value as a lead reads it: a member by name, anything else as stored. */
function shown(value: unknown, names: ReadonlyMap<string, string>): string {
  if (typeof value === 'string') return names.get(value) ?? value;
  return JSON.stringify(value);
}

function Changes({ entry, names }: { entry: AuditEntry; names: ReadonlyMap<string, string> }) {
  const fields = Object.keys(entry.after);
  if (fields.length === 0) return <Text size="xs">—</Text>;
  return (
    <Text size="xs" component="div">
      {fields.map((field) => (
        <div key={field}>
          <Code>{field}</Code> {entry.before ? `${shown(entry.before[field], names)} → ` : ''}
          {shown(entry.after[field], names)}
        </div>
      ))}
    </Text>
  );
}

/** Leads and admins search who changed what: by entity, person, type and time. */
export function AuditSearch({ overview }: { overview: ConsoleOverview | undefined }) {
  const [kind, setKind] = useState<string | null>(null);
  const [entityId, setEntityId] = useState('');
  const [actor, setActor] = useState<string>(ANYONE);
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const openConversation = (id: string) => {
    useUiStore.getState().selectConversation(id);
    useUiStore.getState().setView('inbox');
  };
  const entityKind = AuditEntityKind.safeParse(kind);
  const fromMs = dayBound(from, false);
  const toMs = dayBound(to, true);
  const badRange = fromMs !== undefined && toMs !== undefined && fromMs > toMs;
  const query = {
    ...(entityKind.success && entityId.trim() ? { entity: { kind: entityKind.data, id: entityId.trim() } } : {}),
    ...(actor === ANYONE ? {} : { actor }),
    ...(type.trim() ? { type: type.trim() } : {}),
    ...(fromMs === undefined ? {} : { from: fromMs }),
    ...(toMs === undefined ? {} : { to: toMs }),
  };
  const audit = useAuditSearch(query, !badRange);
  const names = new Map((overview?.reps ?? []).map((rep) => [rep.userId, rep.name]));
  const who = (id: string) => (id === SYSTEM_ACTOR ? 'Caredesk' : (names.get(id) ?? id));
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <Paper withBorder radius="md" p="sm" data-testid="audit-search">
      <Group gap="xs" align="end" wrap="wrap" mb="sm">
        <Select
          size="xs"
          w={150}
          label="Entity"
          placeholder="Any kind"
          clearable
          value={kind}
          onChange={setKind}
          data={AuditEntityKind.options}
        />
        <TextInput
          size="xs"
          w={220}
          label="Entity id"
          placeholder={kind ? 'id' : 'choose a kind first'}
          disabled={!kind}
          value={entityId}
          onChange={(event) => setEntityId(event.currentTarget.value)}
        />
        <Select
          size="xs"
          w={180}
          label="Person"
          allowDeselect={false}
          value={actor}
          onChange={(value) => setActor(value ?? ANYONE)}
          data={[
            { value: ANYONE, label: 'Anyone' },
            { value: SYSTEM_ACTOR, label: 'Caredesk (system)' },
            ...(overview?.reps ?? []).map((rep) => ({ value: rep.userId, label: rep.name })),
          ]}
          data-testid="audit-actor"
        />
        <Autocomplete
          size="xs"
          w={170}
          label="Type"
          placeholder="Any type"
          value={type}
          onChange={setType}
          data={TYPES}
          data-testid="audit-type"
        />
        <TextInput
          size="xs"
          type="date"
          label="From"
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
        />
        <TextInput
          size="xs"
          type="date"
          label="To"
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          error={badRange ? 'Before “From”' : undefined}
        />
      </Group>
      {audit.isError && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} mb="sm" data-testid="audit-error">
          {errorMessage(audit.error)}
        </Alert>
      )}
      {audit.isPending && !badRange && <Text size="sm">Searching the audit log…</Text>}
      {audit.isSuccess && entries.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="audit-empty">
          Nothing in the audit log matches.
        </Text>
      )}
      {entries.length > 0 && (
        <Table verticalSpacing={4} horizontalSpacing="sm" striped data-testid="audit-results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Entity</Table.Th>
              <Table.Th>Changed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id} data-testid="audit-entry">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="xs">{formatFull(entry.at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{who(entry.actor)}</Text>
                </Table.Td>
                <Table.Td>
                  <Code>{entry.type}</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" data-testid="audit-entity">
                      {entry.entity.kind} {entry.entity.id}
                    </Text>
                    {entry.entity.kind === 'conversation' && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label="Open this conversation"
                        onClick={() => openConversation(entry.entity.id)}
                      >
                        <IconExternalLink size={13} />
                      </Button>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Changes entry={entry} names={names} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {audit.hasNextPage && (
        <Button
          mt="xs"
          size="xs"
          variant="default"
          loading={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          Older entries
        </Button>
      )}
    </Paper>
  );
}
