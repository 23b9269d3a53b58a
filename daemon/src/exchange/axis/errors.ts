import { VanthuError } from '@vanthu/shared/errors/index';
import type { ErrorCode } from '@vanthu/shared/errors/index';

/**
 * A failure talking to the axis, typed by what the queue should do about it: `retryable` failures
 * (network, 5xx, timeouts, 429) go back to the queue with backoff; permanent ones (4xx, rejected
 * packages, bad credentials) go to the dead-letter list. `outcomeUnknown` marks failures after which
 * the axis may have stored the package (timeout, reset after the request was written).
 */
export class AxisError extends VanthuError {
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(
    code: ErrorCode,
    detail: string,
    opts: { retryable: boolean; outcomeUnknown?: boolean; status?: number; cause?: unknown },
  ) {
    super(code, detail, opts.status === undefined ? undefined : { httpStatus: opts.status }, {
      cause: opts.cause,
    });
    this.retryable = opts.retryable;
    this.outcomeUnknown = opts.outcomeUnknown ?? false;
  }
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof AxisError) return error.retryable;
  return !(error instanceof VanthuError);
}

/** Maps an HTTP status to the queue's view of it. */
export function errorForStatus(status: number, body: string): AxisError {
  const detail = `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  if (status === 401 || status === 403)
    return new AxisError('AXIS_AUTH_FAILED', detail, { retryable: false, status });
  if (status === 408 || status === 429 || status >= 500)
    return new AxisError('AXIS_UNREACHABLE', detail, {
      retryable: true,
      outcomeUnknown: status >= 500,
      status,
    });
  return new AxisError('AXIS_REJECTED', detail, { retryable: false, status });
}

/** Wraps fetch() failures: aborts by our timeout and socket errors are retryable, outcome unknown. */
export function errorForFetchFailure(error: unknown, what: string): AxisError {
  if (error instanceof AxisError) return error;
  const cause = (error as { cause?: { code?: string } }).cause;
  const name = (error as Error).name;
  const reason =
    name === 'TimeoutError' || name === 'AbortError'
      ? 'timed out'
      : (cause?.code ?? (error as Error).message);
  return new AxisError('AXIS_UNREACHABLE', `${what}: ${reason}`, {
    retryable: true,
    outcomeUnknown: true,
    cause: error,
  });
}
