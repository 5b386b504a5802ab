import createClient from 'openapi-fetch';
import type { DatabaseHealth, Health, paths } from './schema';

/**
 * Client for `GET /api/health`.
 *
 * The server answers 200 when healthy and 503 with the same JSON shape when the
 * database is down, so both are reports; anything else (network failure, a proxy's
 * HTML error page) is an error the caller shows as "unreachable". No session, no CSRF:
 * a client of its own rather than `publicApi`, which would throw on the 503.
 */

/** What the UI uses of a report, each field checked to have the type it expects. */
export type HealthReport = Pick<Health, 'status'> &
  Partial<Pick<Health, 'service' | 'version' | 'uptime'>> & { database?: Partial<DatabaseHealth> };

export class HealthUnavailableError extends Error {
  override name = 'HealthUnavailableError';
}

const healthApi = createClient<paths>({ headers: { Accept: 'application/json' }, cache: 'no-store' });

export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  let answer;
  try {
    answer = await healthApi.GET('/api/health', { signal });
  } catch (error) {
    // The body of a success that is not JSON; a network failure or an abort stays as it is.
    if (error instanceof SyntaxError) throw new HealthUnavailableError('health check answered without JSON');
    throw error;
  }
  const { data, error, response } = answer;
  if (!response.ok && response.status !== 503) {
    throw new HealthUnavailableError(`health check answered HTTP ${response.status}`);
  }
  // openapi-fetch leaves an error body that is not JSON as text.
  const body: unknown = data ?? error;
  if (typeof body === 'string') {
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
