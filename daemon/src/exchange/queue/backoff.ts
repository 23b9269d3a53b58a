export interface BackoffPolicy {
  /** First retry delay (ms). */
  baseMs: number;
  /** Upper bound (ms). */
  maxMs: number;
  /** Growth per attempt (default 2). */
  factor?: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 30 * 60_000, factor: 2 };

/**
 * Exponential backoff with "equal jitter": half the exponential delay is fixed, half random, so
 * retries spread out yet never come back immediately. `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * (policy.factor ?? 2) ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
