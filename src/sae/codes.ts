// What SAE's error codes are, as facts the client and the retry policy act on. The sentences people read
// about each code live in report/catalogue.ts, which takes its `transient` flag from here.

/** Another change order is running on the template (UpdateJob's error table). */
export const BUSY = 'Application.ChangerOrderRunning';

/**
 * The codes SAE documents as worth retrying (the UpdateJob page's error table, docs/reference/sae-api.md §8): the one
 * list. The retry policy (sae/retry.ts) retries them, except BUSY, which the action meets by waiting for the other
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

/**
 * Throttling, Throttling.User, Throttling.Api…: the account's shared API budget is spent (docs/reference/sae-api.md
 * §8.4).
 */
export function isThrottling(code: string): boolean {
  return /^Throttling/.test(code);
}

/**
 * Answers about who signs or which template, not about the call: when the run's first call (DescribeJob, before
 * anything is sent) gets one, every later call would get it too, so the run stops there with one error instead
 * of going on to ListChangeOrders and UpdateJob (docs/reference/sae-api.md §6 gateway codes, §8.2, §8.3; the STS token
 * codes are the emulator's, the real ones are [U]).
 *
 * RAM refusals are on the list though RAM grants each action apart: a policy could allow UpdateJob and not
 * DescribeJob. Stopping is the safe side: without DescribeJob the action can neither plan nor prove a deploy
 * (nor roll one back), and a refusal names the fix (grant sae:DescribeJob); going on would deploy blind, or
 * print the same refusal twice when the identity has no SAE rights at all, the usual case.
 */
export const AUTHORITATIVE: ReadonlySet<string> = new Set([
  // The credentials (docs/reference/sae-api.md §6).
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingSecurityToken',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
  // The template: the seed's code and the one other SAE pages give (docs/reference/sae-api.md §8.2, §8.3; which one is
  // [U]).
  'InvalidApplication.NotFound',
  'InvalidAppId.NotFound',
  // RAM (above).
  'Forbidden.RAM',
  'NoPermission',
  'Resouce.no.permission',
]);
