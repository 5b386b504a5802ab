/**
 * Client for `GET /api/health`.
 *
 * The server answers 200 when healthy and 503 with the same JSON shape when the
 * database is down, so both are reports; anything else (network failure, a proxy's
 * HTML error page) is an error the caller shows as "unreachable".
 */

export interface HealthReport {
  status: string;
  service?: string;
  version?: string;
  /** Seconds since the server started. */
  uptime?: number;
  database?: {
    status?: string;
    backend?: string;
  };
}

export const HEALTH_URL = '/api/health';

export class HealthUnavailableError extends Error {
  override name = 'HealthUnavailableError';
}

export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  const response = await fetch(HEALTH_URL, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
    signal,
  });
  if (!response.ok && response.status !== 503) {
    throw new HealthUnavailableError(`health check answered HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new HealthUnavailableError(`health check answered HTTP ${response.status} without JSON`);
  }
  return parseHealthReport(body);
}

/** Keeps only the fields the UI uses, each with the type it expects. */
export function parseHealthReport(body: unknown): HealthReport {
  if (!isRecord(body) || typeof body.status !== 'string') {
    throw new HealthUnavailableError('health check answered an unexpected body');
  }
  const database = isRecord(body.database)
    ? { status: stringOrUndefined(body.database.status), backend: stringOrUndefined(body.database.backend) }
    : undefined;
  return {
    status: body.status,
    service: stringOrUndefined(body.service),
    version: stringOrUndefined(body.version),
    uptime: typeof body.uptime === 'number' && Number.isFinite(body.uptime) ? body.uptime : undefined,
    database,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
