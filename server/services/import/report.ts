import type { ImportReport } from './store';

/** What happened, every rejected row with its reason, and whether the result is partial. */
export function describeReport(report: ImportReport): string {
  const lines = report.rejected.map(({ line, reason }) => `  ${line === 0 ? 'file' : `line ${line}`}: ${reason}`);
  if (report.rejected.length > 0 && !report.stored)
    return [
      `Nothing was stored: ${report.rejected.length} rows were rejected.`,
      ...lines,
      'Mend them and import again, or import the rest with --partial.',
    ].join('\n');
  const stored = `${report.created} customers created, ${report.updated} updated, ${report.orders} orders stored`;
  return report.rejected.length > 0
    ? [`Partial import: ${stored}; ${report.rejected.length} rows rejected:`, ...lines].join('\n')
    : `${stored}.`;
}
