export interface Migration {
  /** Applied in ascending order; never renumber a shipped migration. */
  version: number;
  name: string;
  sql: string;
}
