import type { Socket } from 'socket.io-client';
import { ApiError, isRecord } from '../api/errors';

/** How long a request waits for its acknowledgement before it is called lost. */
export const ACK_TIMEOUT_MS = 15_000;

/**
 * The REST status matching each acknowledgement error code, so pages treat both alike
 * (the server spells a refusal the same way over both: `WorkspaceError::refusal`).
 */
const STATUS: Record<string, number> = {
  invalid: 422,
  malformed: 400,
  not_found: 404,
  not_a_member: 404,
  forbidden: 403,
  invalid_reference: 409,
  client_id_taken: 409,
  conflict: 409,
  rate_limited: 429,
  unauthorized: 401,
  internal_error: 500,
  unavailable: 503,
};

/**
 * Emits a request event and answers its acknowledgement, or throws an ApiError for the
 * error envelope (`{error, message, field?, retryAfterMs?}`) or when no answer comes.
 */
export async function request<T>(socket: Socket, event: string, payload: unknown, timeoutMs = ACK_TIMEOUT_MS): Promise<T> {
  let answer: unknown;
  try {
    answer = await socket.timeout(timeoutMs).emitWithAck(event, payload);
  } catch {
    throw new ApiError(0, 'timeout', 'The server did not answer in time. Check your connection and try again.');
  }
  if (isRecord(answer) && typeof answer.error === 'string') {
    const code = answer.error;
    const message = typeof answer.message === 'string' ? answer.message : 'Something went wrong.';
    const field = typeof answer.field === 'string' ? answer.field : undefined;
    const wait = typeof answer.retryAfterMs === 'number' ? Math.ceil(answer.retryAfterMs / 1000) : undefined;
    throw new ApiError(STATUS[code] ?? 500, code, message, field, wait);
  }
  return answer as T;
}
