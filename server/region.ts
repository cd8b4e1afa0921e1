/** Why a configured default region is refused: the server would read every national number wrongly. */
export function unknownRegion(region: string): string {
  return `CAREDESK_DEFAULT_REGION must be a region code such as US or GB, got "${region}".`;
}
