import { Badge } from '@mantine/core';

/**
 * A row's tags on one line: the first few, then "+N". Tags that do not fit wrap onto a second
 * line that is clipped, so the line never shows half a tag; the title lists them all.
 */
export function TagPills({ tags, max = 2 }: { tags: string[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  const rest = tags.length - shown.length;
  return (
    <span
      data-testid="row-tags"
      title={tags.join(', ')}
      // Tags give way first when the line is full: the assignee and status matter more.
      style={{ display: 'flex', flexWrap: 'wrap', gap: 3, height: 16, overflow: 'hidden', minWidth: 0, flexShrink: 4 }}
    >
      {shown.map((tag) => (
        <Badge key={tag} variant="default" radius="xl" fw={500} maw={110} style={{ flexShrink: 0 }}>
          {tag}
        </Badge>
      ))}
      {rest > 0 && (
        <Badge variant="default" radius="xl" fw={500} style={{ flexShrink: 0 }}>
          +{rest}
        </Badge>
      )}
    </span>
  );
}
