import type { HealthReport } from '../api/health';
import { formatUptime } from './formatUptime';

export type HealthTone = 'good' | 'bad' | 'pending';

export interface HealthSummary {
  /** The raw status word: the server's own ("healthy", "unhealthy"), or "unreachable" / "checking". */
  status: string;
  tone: HealthTone;
  /** Short facts shown after the status word, in order. */
  details: string[];
}

interface HealthState {
  report: HealthReport | undefined;
  failed: boolean;
}

export function describeHealth({ report, failed }: HealthState): HealthSummary {
  if (failed) {
    return { status: 'unreachable', tone: 'bad', details: ['cannot reach the server'] };
  }
  if (!report) {
    return { status: 'checking', tone: 'pending', details: [] };
  }

  const details: string[] = [];
  const { backend, status: databaseStatus } = report.database ?? {};
  if (backend || databaseStatus) {
    details.push(`database ${[backend, databaseStatus && `(${databaseStatus})`].filter(Boolean).join(' ')}`);
  }
  if (report.version) details.push(`v${report.version}`);
  if (report.uptime !== undefined) details.push(`up ${formatUptime(report.uptime)}`);

  return { status: report.status, tone: report.status === 'healthy' ? 'good' : 'bad', details };
}
