import { DetailedError, type HttpRequest, type HttpResponse } from 'tus-js-client';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { uploadError } from './uploadError';

/** What a failed resumable upload shows: the server's words, or why there are none. */

const request = { getHeader: () => undefined, getMethod: () => 'PATCH', getURL: () => '/api/uploads/u1' } as unknown as HttpRequest;
const response = (status: number, body: string, headers: Record<string, string> = {}) =>
  ({ getStatus: () => status, getBody: () => body, getHeader: (name: string) => headers[name] }) as unknown as HttpResponse;

/** The error tus-js-client gives: the request, its answer (if any) and the error under it (if any). */
const failed = (causingError: Error | null, originalResponse: HttpResponse | null) =>
  Object.assign(new DetailedError('tus: failed'), { originalRequest: request, originalResponse, causingError });

describe('uploadError', () => {
  it('reads the server’s JSON answer into an ApiError', () => {
    const answer = response(507, JSON.stringify({ error: 'storage_quota_exceeded', message: 'No room left.' }), { 'Retry-After': '5' });
    expect(uploadError(failed(null, answer))).toMatchObject({
      name: 'ApiError',
      status: 507,
      code: 'storage_quota_exceeded',
      message: 'No room left.',
      retryAfterSeconds: 5,
    });
  });

  it('says what it can of an answer that is not JSON, and of no answer at all', () => {
    expect(uploadError(failed(null, response(502, '<html>Bad gateway</html>')))).toMatchObject({
      status: 502,
      code: 'http_error',
    });
    expect(uploadError(failed(new Error('reset'), null))).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('passes on a refused refresh, and anything that is not tus-js-client’s', () => {
    const ended = new ApiError(401, 'session_expired', 'Your session has ended. Sign in again.');
    expect(uploadError(failed(ended, null))).toBe(ended);
    const other = new Error('tus: no file');
    expect(uploadError(other)).toBe(other);
  });
});
