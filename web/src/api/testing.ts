import type { UserView } from './schema';

/**
 * What the API modules' unit tests share: a fake origin for the requests they build, and the
 * person they sign in as.
 */

/** Where the tests' requests go (nowhere real: `fetch` is a fake). */
export const ORIGIN = 'http://app.test';

/** openapi-fetch builds a Request from a path; outside a browser that needs an origin. */
export class SameOriginRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, ORIGIN) : input, init);
  }
}

/** The person the tests sign in as. */
export const ADA: UserView = {
  id: 'u1',
  email: 'ada@example.com',
  name: 'Ada',
  userType: 'designer',
  createdAt: '2026-01-01T00:00:00Z',
  emailVerified: true,
  isActive: true,
  isAdmin: false,
  twoFactorEnabled: false,
};
