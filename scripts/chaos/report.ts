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
    ['lost', n(verdict.lost.length)],
    ['duplicated', n(verdict.duplicated.length)],
    ['out of order', n(verdict.outOfOrder.length)],
    ['unexplained (applied, neither reported nor killed)', n(verdict.unexplained.length)],
    [
      'effects unlike the workload',
      `${n(verdict.content.length)} (${n(verdict.replayed.actions)} actions replayed on ${n(verdict.replayed.conversations)} conversations)`,
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
    notes.push(
      `${n(report.refusedByEngine.length)} actions were refused by the engine API (never acknowledged), e.g. ${report.refusedByEngine[0]?.code}.`,
    );
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
      `engine ${divergence.engine} shows ${divergence.conversationId} unlike the server: ${divergence.differences.join('; ')}`,
    );
  }
  for (const entry of verdict.unexplained.slice(0, 5)) {
    notes.push(`unexplained: ${entry.type} ${entry.actionId} on ${entry.conversationId}`);
  }
  for (const mismatch of verdict.content.slice(0, 5)) {
    notes.push(`unlike the workload: ${mismatch.conversationId} ${mismatch.actionId ?? ''}: ${mismatch.what}`);
  }
  for (const entry of verdict.lost.slice(0, 5)) {
    notes.push(
      `lost: engine ${entry.engine} #${entry.index} ${entry.type} ${entry.actionId} on ${entry.conversationId}`,
    );
  }
  for (const entry of verdict.duplicated.slice(0, 5)) {
    notes.push(`duplicated: ${entry.type ?? 'unknown'} ${entry.actionId} applied ${entry.copies} times`);
  }
  for (const entry of verdict.outOfOrder.slice(0, 5)) {
    notes.push(
      `out of order: engine ${entry.engine} #${entry.index} ${entry.type} ${entry.actionId} on ${entry.conversationId}`,
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
