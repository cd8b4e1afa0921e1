const PREVIEW_LENGTH = 140;

/**
 * One line of a message for the conversation list, at most PREVIEW_LENGTH code points. Cut on
 * code points, never inside a surrogate pair (half an emoji is not valid JSON for jsonb).
 */
export function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(flat);
  return codePoints.length <= PREVIEW_LENGTH ? flat : `${codePoints.slice(0, PREVIEW_LENGTH - 1).join('')}…`;
}
