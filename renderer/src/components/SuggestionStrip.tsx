import { Badge, Group, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconSparkles } from '@tabler/icons-react';
import type { SuggestedReply } from '../../../shared/api';

type Props = {
  suggestions: readonly SuggestedReply[];
  /** Puts suggestion `rank` in the reply box; only sendable ones. */
  onInsert: (suggestion: SuggestedReply) => void;
};

/**
 * Up to three suggested replies above the composer, best first: key 1–3 (or a click) puts one in
 * the reply box. One that failed the grounding check shows why and cannot be inserted.
 */
export function SuggestionStrip({ suggestions, onInsert }: Props) {
  if (suggestions.length === 0) return null;
  return (
    <Stack gap={4} aria-label="Suggested replies" data-testid="suggestions">
      {suggestions.map((suggestion) => {
        const facts = suggestion.facts.map((fact) => `${fact.kind.replace('_', ' ')}: ${fact.value}`).join('\n');
        return (
          <Paper key={suggestion.rank} withBorder radius="sm" p={6}>
            <UnstyledButton
              w="100%"
              disabled={!suggestion.sendable}
              onClick={() => suggestion.sendable && onInsert(suggestion)}
              aria-label={`Suggestion ${suggestion.rank}${suggestion.sendable ? '' : ' (cannot be sent)'}`}
              data-sendable={suggestion.sendable}
            >
              <Group gap={8} wrap="nowrap" align="flex-start">
                <Badge
                  size="sm"
                  variant={suggestion.sendable ? 'light' : 'outline'}
                  color={suggestion.sendable ? 'blue' : 'red'}
                >
                  {suggestion.rank}
                </Badge>
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Tooltip
                    label={facts || 'Quotes nothing from the record'}
                    multiline
                    w={280}
                    disabled={!suggestion.sendable}
                  >
                    <Text size="sm" lineClamp={2} c={suggestion.sendable ? undefined : 'dimmed'}>
                      {suggestion.text}
                    </Text>
                  </Tooltip>
                  {suggestion.problems.map((problem) => (
                    <Group key={`${problem.kind}:${problem.value}`} gap={4} wrap="nowrap">
                      <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />
                      <Text size="xs" c="red">
                        {problem.reason}
                      </Text>
                    </Group>
                  ))}
                </Stack>
                {suggestion.sendable && <IconSparkles size={14} stroke={1.5} aria-hidden />}
              </Group>
            </UnstyledButton>
          </Paper>
        );
      })}
    </Stack>
  );
}
