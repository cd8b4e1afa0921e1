// Each team's service levels as the cache holds them (`teams.sla`, migration 020): parsed once per
// distinct policy, so a policy object stays the same while the team's does (sla.ts caches due times
// per conversation and policy).
import { DEFAULT_SLA_POLICY, SlaPolicy } from '../../../shared/domain/sla';
import type { Db } from './open';
import { prepared } from './statements';

export interface TeamRow {
  id: string;
  name: string;
  sla: string | null;
}

const parsed = new Map<string, SlaPolicy | null>();

/** The policy a team's stored JSON holds; null for none, or for one this version cannot read. */
export function policyFromJson(text: string | null): SlaPolicy | null {
  if (text === null) return null;
  let policy = parsed.get(text);
  if (policy === undefined) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = null;
    }
    const result = SlaPolicy.safeParse(value);
    policy = result.success ? result.data : null;
    if (parsed.size >= 1_000) parsed.clear();
    parsed.set(text, policy);
  }
  return policy;
}

/** Each cached team's policy by id; a team not cached or without its own uses the default. */
export function teamPolicies(db: Db): (teamId: string) => SlaPolicy {
  const rows = prepared(db, 'SELECT id, sla FROM teams').all() as Pick<TeamRow, 'id' | 'sla'>[];
  const byTeam = new Map(rows.map((row) => [row.id, policyFromJson(row.sla)]));
  return (teamId) => byTeam.get(teamId) ?? DEFAULT_SLA_POLICY;
}
