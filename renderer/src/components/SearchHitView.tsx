import { Mark, Text } from '@mantine/core';
import type { SearchHit } from '../../../shared/api';
import { formatAge } from '../lib/time';
import { ChannelIcon } from './ChannelIcon';

/** Splits "[[match]]" markers into highlighted parts; never renders the snippet as HTML. */
export function highlightParts(snippet: string): { text: string; match: boolean }[] {
  return snippet
    .split(/(\[\[.*?\]\])/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('[[') && part.endsWith(']]')
        ? { text: part.slice(2, -2), match: true }
        : { text: part, match: false },
    );
}

export function SearchHitView({ hit, now }: { hit: SearchHit; now: number }) {
  return (
    <div style={{ display: 'flex', gap: 8, minWidth: 0, alignItems: 'flex-start' }}>
      <span style={{ paddingTop: 2 }}>
        <ChannelIcon channel={hit.channel} size={14} />
      </span>
      <div style={{ minWidth: 0, flex: 1 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <Text size="sm" fw={600} truncate="end">
            {hit.customerName}
          </Text>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatAge(hit.createdAt, now)}
          </Text>
        </div>
        <Text size="sm" c="dimmed" lineClamp={2}>
          {highlightParts(hit.snippet).map((part, index) =>
            part.match ? (
              <Mark key={index} color="yellow">
                {part.text}
              </Mark>
            ) : (
              <span key={index}>{part.text}</span>
            ),
          )}
        </Text>
      </div>
    </div>
  );
}
