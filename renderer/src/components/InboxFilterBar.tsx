import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { InboxFilter, InboxSort } from '../../../shared/api';
import { CHANNEL_LABELS, CHANNELS } from '../../../shared/domain';
import type { Channel, ConversationStatus } from '../../../shared/domain';
import { INTENT_LABELS, INTENTS, SENTIMENT_LABELS, SENTIMENTS } from '../../../shared/triage/taxonomy';
import type { SlaPriority } from '../../../shared/domain/sla';
import type { Intent, Sentiment } from '../../../shared/triage/taxonomy';

const FILTERS: { value: InboxFilter; label: string }[] = [
  { value: 'mine', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'team', label: 'Team' },
  { value: 'all', label: 'All' },
];

const ANY = 'any';
const CHANNEL_OPTIONS = [
  { value: ANY, label: 'All channels' },
  ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
];
const STATUS_OPTIONS: { value: ConversationStatus | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any status' },
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'closed', label: 'Resolved' },
];

const INTENT_OPTIONS = [
  { value: ANY, label: 'Any intent' },
  ...INTENTS.map((i) => ({ value: i, label: INTENT_LABELS[i] })),
];
const SENTIMENT_OPTIONS = [
  { value: ANY, label: 'Any sentiment' },
  ...SENTIMENTS.map((s) => ({ value: s, label: SENTIMENT_LABELS[s] })),
];

const PRIORITY_OPTIONS: { value: SlaPriority | typeof ANY; label: string }[] = [
  { value: ANY, label: 'Any priority' },
  { value: 'urgent', label: 'Urgent' },
  { value: 'high', label: 'High' },
  { value: 'normal', label: 'Normal' },
];

const SORT_OPTIONS: { value: InboxSort; label: string }[] = [
  { value: 'waiting', label: 'Longest waiting' },
  { value: 'urgent', label: 'Most urgent' },
  { value: 'newest', label: 'Newest' },
];

type Props = {
  filter: InboxFilter;
  channel: Channel | null;
  status: ConversationStatus | null;
  intent: Intent | null;
  sentiment: Sentiment | null;
  /** The priority in effect: a person's, else triage's. */
  priority: SlaPriority | null;
  sort: InboxSort;
  teamId: string | null;
  teams: { id: string; name: string }[];
  /** Why the team list could not be read, shown when the Team filter is chosen. */
  teamsError: string | null;
  onFilter: (filter: InboxFilter) => void;
  onChannel: (channel: Channel | null) => void;
  onStatus: (status: ConversationStatus | null) => void;
  onIntent: (intent: Intent | null) => void;
  onSentiment: (sentiment: Sentiment | null) => void;
  onPriority: (priority: SlaPriority | null) => void;
  onSort: (sort: InboxSort) => void;
  onTeam: (teamId: string | null) => void;
};

export function InboxFilterBar(props: Props) {
  const showTeams = props.filter === 'team' && props.teams.length > 1;
  return (
    <Stack gap={6} p="sm" pb={8}>
      <SegmentedControl
        fullWidth
        aria-label="Which conversations"
        value={props.filter}
        data={FILTERS}
        onChange={(value) => props.onFilter(value)}
      />
      <Group gap={6} wrap="nowrap" grow>
        <Select
          aria-label="Channel"
          data={CHANNEL_OPTIONS}
          value={props.channel ?? ANY}
          onChange={(value) => props.onChannel(value && value !== ANY ? (value as Channel) : null)}
        />
        <Select
          aria-label="Status"
          data={STATUS_OPTIONS}
          value={props.status ?? ANY}
          onChange={(value) => props.onStatus(value && value !== ANY ? value : null)}
        />
        <Select
          aria-label="Sort"
          data={SORT_OPTIONS}
          value={props.sort}
          allowDeselect={false}
          onChange={(value) => {
            if (value) props.onSort(value);
          }}
        />
      </Group>
      <Group gap={6} wrap="nowrap" grow>
        <Select
          aria-label="Intent"
          data={INTENT_OPTIONS}
          value={props.intent ?? ANY}
          onChange={(value) => props.onIntent(value && value !== ANY ? (value as Intent) : null)}
        />
        <Select
          aria-label="Sentiment"
          data={SENTIMENT_OPTIONS}
          value={props.sentiment ?? ANY}
          onChange={(value) => props.onSentiment(value && value !== ANY ? (value as Sentiment) : null)}
        />
        <Select
          aria-label="Priority"
          data={PRIORITY_OPTIONS}
          value={props.priority ?? ANY}
          onChange={(value) => props.onPriority(value && value !== ANY ? value : null)}
          data-testid="priority-filter"
        />
      </Group>
      {props.filter === 'team' && props.teamsError && (
        <Text size="sm" c="red" role="alert">
          Could not load your teams: {props.teamsError}
        </Text>
      )}
      {showTeams && (
        <Select
          aria-label="Team"
          data={[{ value: ANY, label: 'All my teams' }, ...props.teams.map((t) => ({ value: t.id, label: t.name }))]}
          value={props.teamId ?? ANY}
          onChange={(value) => props.onTeam(value && value !== ANY ? value : null)}
        />
      )}
    </Stack>
  );
}
