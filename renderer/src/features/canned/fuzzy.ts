// Fuzzy search over canned resolutions: every word typed must appear in the title or the text as a
// subsequence ("lt prcl" finds "Late parcel"); runs of letters, word starts and the title score more.

/** The score of `term` as a subsequence of `text` (both lower case); null when it is not one. */
function subsequenceScore(term: string, text: string): number | null {
  let score = 0;
  let at = 0;
  let previous = -2;
  for (const char of term) {
    const found = text.indexOf(char, at);
    if (found === -1) return null;
    score += 1;
    if (found === previous + 1) score += 2; // a run
    if (found === 0 || !/[\p{L}\p{N}]/u.test(text[found - 1] ?? '')) score += 3; // a word start
    previous = found;
    at = found + 1;
  }
  // A tighter match is a better one.
  return score - (previous - text.indexOf(term[0] ?? '')) / 100;
}

export interface Searchable {
  id: string;
  title: string;
  body: string;
}

/** The items every word of `query` matches, best first (title matches weigh double); all of them, by title, for an empty query. */
export function fuzzyFilter<T extends Searchable>(items: readonly T[], query: string): T[] {
  const terms = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const byTitle = (a: T, b: T) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
  if (terms.length === 0) return [...items].sort(byTitle);
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const title = item.title.toLocaleLowerCase();
    const body = item.body.toLocaleLowerCase();
    let score = 0;
    for (const term of terms) {
      const inTitle = subsequenceScore(term, title);
      const inBody = subsequenceScore(term, body);
      if (inTitle === null && inBody === null) {
        score = -1;
        break;
      }
      score += Math.max(inTitle === null ? 0 : inTitle * 2, inBody ?? 0);
    }
    if (score >= 0) scored.push({ item, score });
  }
  return scored.sort((a, b) => b.score - a.score || byTitle(a.item, b.item)).map(({ item }) => item);
}
