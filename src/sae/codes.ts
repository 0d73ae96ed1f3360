// What SAE's error codes are, as facts the client and the retry policy act on. The sentences people read
// about each code live in report/catalogue.ts, which takes its `transient` flag from here.

/** Another change order is running on the template (UpdateJob's error table). */
export const BUSY = 'Application.ChangerOrderRunning';

/**
 * The codes SAE documents as worth retrying (the UpdateJob page's error table, reference §8): the one list.
 * The retry policy (sae/retry.ts) retries them, except BUSY, which the action meets by waiting for the other
 * order (if-busy) rather than by sending the same call again.
 */
export const DOCUMENTED_TRANSIENT: ReadonlySet<string> = new Set([
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'System.Upgrading',
  BUSY,
  'Application.InvalidStatus',
  'LogService.InternalError',
  'ServiceUnavailable',
  'InternalError',
]);

/** Throttling, Throttling.User, Throttling.Api…: the account's shared API budget is spent (reference §8.4). */
export function isThrottling(code: string): boolean {
  return /^Throttling/.test(code);
}
