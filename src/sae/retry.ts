// SAE's side of the retry policy (the policy and SAE's pace are pace/retry-policy.ts): which failures are worth
// another try, and which UpdateJob failures are safe to send again (UpdateJob creates a change order, so a blind
// resend could make two). Which codes are transient is the documented list in sae/codes.ts. These predicates stay
// beside the client, not in pace/: they read SaeError and SAE's codes, and pace/ must sit below credentials/ (keyless
// login retries by the same policy), itself below sae/.
import { delayFor, retrying, saePace, SAE_BACKOFF, type Backoff } from '../pace/retry-policy.js';
import { AUTHORITATIVE, BUSY, DOCUMENTED_TRANSIENT, isThrottling } from './codes.js';
import { SaeError } from './errors.js';

export { isThrottling };

/**
 * 414 / 431: the request line or headers were too long for the server; the same request fails again, and nothing was
 * done.
 */
export function isTooLong(err: SaeError): boolean {
  return err.httpStatus === 414 || err.httpStatus === 431;
}

/**
 * The account's shared API budget is spent (docs/reference/sae-api.md §8.4): a Throttling* code at any HTTP status, or
 * a 429, which means nothing else. Such a call did nothing; it is a signal to slow down, not a failure.
 */
export function isThrottled(err: SaeError): boolean {
  return isThrottling(err.code) || err.httpStatus === 429;
}

/**
 * An answer to the run's first call that every later call would get too (codes.ts AUTHORITATIVE), or a host that
 * does not exist: ENOTFOUND is the resolver's answer that the name is unknown (a region typo), not a lost packet
 * (that is EAI_AGAIN, retried). Only the first call may judge a host by it: once SAE has answered, an ENOTFOUND is
 * a resolver's hiccup, retried like any connection failure.
 */
export function isAuthoritative(err: SaeError): boolean {
  if (err.kind === 'connection') return err.code === 'ENOTFOUND';
  return err.kind === 'api' && AUTHORITATIVE.has(err.code);
}

/** Worth another try for a read (Describe*, List*): the call changes nothing. */
export function isTransient(err: SaeError): boolean {
  if (isTooLong(err)) return false;
  if (err.kind === 'timeout' || err.kind === 'connection') return true;
  if (err.httpStatus !== undefined && err.httpStatus >= 500) return true;
  // An unreadable answer is worth another read; a write is judged by isSafeToResend and mayHaveActed.
  if (err.kind === 'format') return true;
  // BUSY is documented as retryable, but the action waits for the other order instead (if-busy).
  return isThrottled(err) || (DOCUMENTED_TRANSIENT.has(err.code) && err.code !== BUSY);
}

/**
 * Safe to send UpdateJob again: SAE cannot have acted. Throttling and System.Upgrading are refusals
 * before any change; a refused connection never reached SAE. A timeout or a reset after sending may
 * have created a change order: the caller must look for it first (see changeorder/submit.ts).
 */
export function isSafeToResend(err: SaeError): boolean {
  // Not sent in full (refused, no connection in time): SAE never had the request. Cancelled is not resent.
  if ((err.kind === 'connection' || err.kind === 'timeout') && !err.mayHaveReachedServer)
    return err.code !== 'Run.Cancelled';
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

function retryable(err: SaeError) {
  return { throttled: isThrottled(err), retryAfterMs: err.retryAfterMs || undefined };
}

/**
 * Exponential backoff with full jitter; a server's x-acs-retry-after wins when it asks for longer. Throttled
 * calls follow x-acs-retry-after when SAE sends one, else the same backoff with equal jitter.
 */
export function retryDelay(
  attempt: number,
  err: SaeError,
  backoff: Backoff = SAE_BACKOFF,
  random: () => number = Math.random,
): number {
  return delayFor(attempt, retryable(err), saePace(backoff, backoff), random);
}

export interface SaeRetryOptions {
  /** Retries of real failures. Throttled calls do not count: they are retried for as long as the deadline allows. */
  maxRetries: number;
  /** Epoch ms after which no retry starts. */
  deadline: number;
  shouldRetry: (err: SaeError) => boolean;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onRetry?: (err: SaeError, attempt: number, delayMs: number) => void;
  backoff?: Backoff;
  /** Backoff after throttled calls (default SAE_THROTTLE_BACKOFF). */
  throttleBackoff?: Backoff;
  random?: () => number;
  /** A cancelled run stops retrying: the sleep ends early, and the last failure stands. */
  signal?: AbortSignal;
}

/** An SAE call under the policy: shouldRetry picks the failures (isTransient for reads; UpdateJob has its own). */
export function withRetries<T>(call: () => Promise<T>, o: SaeRetryOptions): Promise<T> {
  return retrying<T, SaeError>(call, {
    ...o,
    retryable: (e) => (e instanceof SaeError && o.shouldRetry(e) ? retryable(e) : undefined),
    pace: saePace(o.backoff, o.throttleBackoff),
  });
}
