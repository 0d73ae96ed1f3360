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

/** Worth another try for a read (Describe*, List*): the call changes nothing. */
export function isTransient(err: SaeError): boolean {
  if (isTooLong(err)) return false;
  if (err.kind === 'timeout' || err.kind === 'connection') return true;
  if (err.httpStatus !== undefined && err.httpStatus >= 500) return true;
  // An unreadable answer is worth another read; a write is judged by isSafeToResend and mayHaveActed.
  if (err.kind === 'format') return true;
  return isThrottling(err.code) || TRANSIENT_CODES.has(err.code);
}

/**
 * Safe to send UpdateJob again: SAE cannot have acted. Throttling and System.Upgrading are refusals
 * before any change; a refused connection never reached SAE. A timeout or a reset after sending may
 * have created a change order: the caller must look for it first (see deploy/submit.ts).
 */
export function isSafeToResend(err: SaeError): boolean {
  if (err.kind === 'connection' && !err.mayHaveReachedServer) return true;
  return err.kind === 'api' && (isThrottling(err.code) || err.code === 'System.Upgrading');
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
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, capMs: 20_000 };

/** Exponential backoff with full jitter; a server's x-acs-retry-after wins when it asks for longer. */
export function retryDelay(attempt: number, err: SaeError, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt);
  const jittered = Math.floor(random() * ceiling);
  const floor = isThrottling(err.code) ? Math.min(ceiling, 2000) / 2 : 0;
  return Math.max(jittered, floor, err.retryAfterMs ?? 0);
}

export interface RetryOptions {
  maxRetries: number;
  /** Epoch ms after which no retry starts. */
  deadline: number;
  shouldRetry: (err: SaeError) => boolean;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onRetry?: (err: SaeError, attempt: number, delayMs: number) => void;
  backoff?: Backoff;
  random?: () => number;
  /** A cancelled run stops retrying: the sleep ends early, and the last failure stands. */
  signal?: AbortSignal;
}

export async function withRetries<T>(call: () => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof SaeError) || attempt >= o.maxRetries || !o.shouldRetry(e) || o.signal?.aborted) throw e;
      const delay = retryDelay(attempt, e, o.backoff, o.random);
      if (o.now() + delay >= o.deadline) throw e;
      o.onRetry?.(e, attempt + 1, delay);
      await o.sleep(delay);
      if (o.signal?.aborted) throw e;
    }
  }
}
