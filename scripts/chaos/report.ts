// The figures of a chaos run, as `npm run chaos` prints them.
import type { ChaosReport } from './harness';
import { passed } from './harness';

export function formatReport(report: ChaosReport): string {
  const { verdict, faults } = report;
  const n = (value: number) => value.toLocaleString('en-US');
  const types = Object.entries(report.types)
    .map(([type, count]) => `${type} ${n(count)}`)
    .join(', ');
  const rows: [string, string][] = [
    ['seed / plan', `${report.seed} / ${report.planDigest}`],
    ['actions', `${n(report.actions)} (${types})`],
    ['acknowledged by the engines', n(verdict.acknowledged)],
    ['applied by the server', n(verdict.applied)],
    ['lost', `${n(verdict.lost.length)} (and ${n(verdict.lostParts.length)} parts of bulk actions)`],
    ['duplicated', n(verdict.duplicated.length)],
    ['out of order', n(verdict.outOfOrder.length)],
    ['unexplained (applied, neither reported nor killed)', n(verdict.unexplained.length)],
    [
      'effects unlike the workload',
      `${n(verdict.content.length)} (${n(verdict.replayed.actions)} actions replayed on ${n(verdict.replayed.conversations)} conversations)`,
    ],
    [
      'libraries unlike the workload',
      `${n(verdict.library.length)} (${n(verdict.replayed.libraries)} reps' canned resolutions replayed)`,
    ],
    [
      'refused as planned',
      `${n(verdict.refusals.asPlanned)} of ${n(verdict.refusals.planned)} (title clash, limit); ${n(verdict.refusals.unexpected.length)} unplanned`,
    ],
    ['caches unlike the server', n(report.divergences.length)],
    ['unreported (committed just before an engine kill)', n(verdict.unreported)],
    ['unchanged (a repeat of an unreported action)', n(verdict.unchanged)],
    ['server kills (kill -9)', n(faults.serverKills)],
    ['kills between commit and ack', n(faults.commitAckKills)],
    ['partitions', `${n(faults.partitions)} (${n(faults.blackholes)} blackholes)`],
    ['engine kills (kill -9)', n(faults.engineKills)],
    ['elapsed', `${(report.elapsedMs / 1000).toFixed(1)} s`],
  ];
  const notes: string[] = [];
  if (report.refusedByEngine.length > 0) {
    const codes = new Map<string, number>();
    for (const refusal of report.refusedByEngine) codes.set(refusal.code, (codes.get(refusal.code) ?? 0) + 1);
    const byCode = [...codes].map(([code, count]) => `${n(count)} ${code}`).join(', ');
    notes.push(
      `${n(report.refusedByEngine.length)} actions were refused by the engine API (never acknowledged): ${byCode}.`,
    );
  }
  if (verdict.refusals.repeats > 0) {
    notes.push(
      `${n(verdict.refusals.repeats)} refused repeats of an action applied just before its engine was killed.`,
    );
  }
  for (const refusal of verdict.refusals.unexpected.slice(0, 5)) {
    notes.push(
      `refused though not meant to be: engine ${refusal.engine} #${refusal.index}: ${refusal.code} ${refusal.message}`,
    );
  }
  for (const entry of verdict.refusals.missing.slice(0, 5)) {
    notes.push(`meant to be refused ${entry.refusal}: engine ${entry.engine} #${entry.index}: ${entry.what}`);
  }
  if (faults.missedCommitAckKills > 0)
    notes.push(`${n(faults.missedCommitAckKills)} commit-ack kills found nothing left to commit.`);
  for (const refusal of report.refusedByServer.slice(0, 5)) {
    notes.push(
      `refused by the server: engine ${refusal.engine} ${refusal.type} ${refusal.actionId}: ${refusal.reason}`,
    );
  }
  for (const divergence of report.divergences.slice(0, 5)) {
    notes.push(
      `engine ${divergence.engine} shows ${divergence.subject} unlike the server: ${divergence.differences.join('; ')}`,
    );
  }
  for (const entry of verdict.unexplained.slice(0, 5)) {
    notes.push(`unexplained: ${entry.type} ${entry.actionId} on ${entry.conversationId ?? 'no single conversation'}`);
  }
  for (const mismatch of verdict.content.slice(0, 5)) {
    notes.push(`unlike the workload: ${mismatch.conversationId} ${mismatch.actionId ?? ''}: ${mismatch.what}`);
  }
  for (const mismatch of verdict.library.slice(0, 5)) {
    notes.push(`library unlike the workload: ${mismatch.userId} ${mismatch.actionId ?? ''}: ${mismatch.what}`);
  }
  for (const part of verdict.lostParts.slice(0, 5)) {
    notes.push(`lost bulk part: ${part.actionId} on ${part.conversationId}: ${part.reason}`);
  }
  for (const entry of verdict.lost.slice(0, 5)) {
    notes.push(
      `lost: engine ${entry.engine} #${entry.index} ${entry.type} ${entry.actionId} on ${entry.conversationIds.join(', ') || 'the library'}`,
    );
  }
  for (const entry of verdict.duplicated.slice(0, 5)) {
    notes.push(`duplicated: ${entry.type ?? 'unknown'} ${entry.actionId} applied ${entry.copies} times`);
  }
  for (const entry of verdict.outOfOrder.slice(0, 5)) {
    notes.push(
      `out of order: engine ${entry.engine} #${entry.index} ${entry.type} ${entry.actionId} on ${entry.conversationIds.join(', ') || 'the library'}`,
    );
  }
  if (report.workDir) notes.push(`logs and caches: ${report.workDir}`);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `Chaos run ${passed(report) ? 'passed' : 'FAILED'}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ...notes.map((note) => `  - ${note}`),
  ].join('\n');
}
