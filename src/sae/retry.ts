// The retry policy, in one place: which failures are worth another try, how long to wait, and which
// UpdateJob failures are safe to retry (UpdateJob creates a change order, so a blind retry could make two).
import { SaeError } from './errors.js';

const TRANSIENT_CODES = new Set([
  'ServiceUnavailable', 'InternalError', 'System.Upgrading', 'Application.InvalidStatus', 'LogService.InternalError',
]);

/** 414 / 431: the request line or headers were too long for the server; the same request fails again, and nothing was done. */
export function isTooLong(err: SaeError): boolean {
  return err.httpStatus === 414 || err.httpStatus === 431;
}

export function isThrottling(code: string): boolean {
  return /^Throttling/.test(code);
}

/**
 * The account's shared API budget is spent (reference §8.4): a Throttling* code at any HTTP status, or a
 * 429, which means nothing else. Such a call did nothing; it is a signal to slow down, not a failure.
 */
export function isThrottled(err: SaeError): boolean {
  return isThrottling(err.code) || err.httpStatus === 429;
}

/** Worth another try for a read (Describe*, List*): the call changes nothing. */
export function isTransient(err: SaeError): boolean {
  if (isTooLong(err)) return false;
  if (err.kind === 'timeout' || err.kind === 'connection') return true;
  if (err.httpStatus !== undefined && err.httpStatus >= 500) return true;
  // An unreadable answer is worth another read; a write is judged by isSafeToResend and mayHaveActed.
  if (err.kind === 'format') return true;
  return isThrottled(err) || TRANSIENT_CODES.has(err.code);
}

/**
 * Safe to send UpdateJob again: SAE cannot have acted. Throttling and System.Upgrading are refusals
 * before any change; a refused connection never reached SAE. A timeout or a reset after sending may
 * have created a change order: the caller must look for it first (see changeorder/submit.ts).
 */
export function isSafeToResend(err: SaeError): boolean {
  if (err.kind === 'connection' && !err.mayHaveReachedServer) return true;
  // A throttled call was refused at the gateway, whatever the shape of the refusal (JSON, or a 429 page).
  return isThrottled(err) || (err.kind === 'api' && err.code === 'System.Upgrading');
}

/**
 * UpdateJob may have been carried out although no good answer came back: the answer was lost after
 * sending (timeout, reset), or a 5xx / unreadable answer came from something between us and SAE.
 */
export function mayHaveActed(err: SaeError): boolean {
  if (isTooLong(err)) return false;
  if (err.kind === 'timeout' || err.kind === 'connection') return err.mayHaveReachedServer;
  if (err.kind === 'format') return true;
  return err.httpStatus !== undefined && err.httpStatus >= 500;
}

export interface Backoff {
  /** First delay ceiling. */
  baseMs: number;
  /** Largest delay ceiling. */
  capMs: number;
  /** Growth of the ceiling per retry (default 2). */
  factor?: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, capMs: 20_000 };

/**
 * After a throttled call: from about 2 s (reference §8.4), ×1.5 to 4 s, spread ("equal jitter": half fixed,
 * half random, never near zero, which would only spend another call of the empty budget). Short, because
 * the long waits are the run's budget gate's (budget.ts): it keeps every call of the run 10–20 s apart once
 * one was throttled, and a retry waits for the later of the two. The backoff alone is what the call the run
 * ends with waits (the gate lets it through at once): the budget refills at about a call a second, so a
 * second or two later a token is there more often than not.
 */
export const THROTTLE_BACKOFF: Backoff = { baseMs: 2000, capMs: 4000, factor: 1.5 };

/**
 * Exponential backoff with full jitter; a server's x-acs-retry-after wins when it asks for longer. Throttled
 * calls follow x-acs-retry-after when SAE sends one, else THROTTLE_BACKOFF with equal jitter.
 */
export function retryDelay(attempt: number, err: SaeError, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * (backoff.factor ?? 2) ** attempt);
  if (isThrottled(err)) {
    // The gateway knows when its budget refills: its x-acs-retry-after is followed as given, plus up to 20 %
    // so that runs told the same thing do not all come back in the same instant.
    if (err.retryAfterMs) return Math.floor(err.retryAfterMs * (1 + 0.2 * random()));
    return Math.floor(ceiling / 2 + random() * (ceiling / 2));
  }
  return Math.max(Math.floor(random() * ceiling), err.retryAfterMs ?? 0);
}

export interface RetryOptions {
  /** Retries of real failures. Throttled calls do not count: they are retried for as long as the deadline allows. */
  maxRetries: number;
  /** Epoch ms after which no retry starts. */
  deadline: number;
  shouldRetry: (err: SaeError) => boolean;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onRetry?: (err: SaeError, attempt: number, delayMs: number) => void;
  backoff?: Backoff;
  /** Backoff after throttled calls (default THROTTLE_BACKOFF). */
  throttleBackoff?: Backoff;
  random?: () => number;
  /** A cancelled run stops retrying: the sleep ends early, and the last failure stands. */
  signal?: AbortSignal;
}

export async function withRetries<T>(call: () => Promise<T>, o: RetryOptions): Promise<T> {
  let failures = 0;
  let throttles = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof SaeError) || !o.shouldRetry(e) || o.signal?.aborted) throw e;
      // Throttling says the shared budget is spent, not that anything is wrong: it slows the run down
      // (its own, growing backoff) and ends it only at the deadline, while max-retries bounds real errors.
      const throttled = isThrottled(e);
      if (!throttled && failures >= o.maxRetries) throw e;
      const delay = throttled
        ? retryDelay(throttles++, e, o.throttleBackoff ?? THROTTLE_BACKOFF, o.random)
        : retryDelay(failures++, e, o.backoff, o.random);
      if (o.now() + delay >= o.deadline) throw e;
      o.onRetry?.(e, attempt + 1, delay);
      await o.sleep(delay);
      if (o.signal?.aborted) throw e;
    }
  }
}
