// Keyless login's pace under the retry policy (base/retry.ts), for both of its calls: the GitHub OIDC token
// and STS AssumeRoleWithOIDC.

import type { Pace } from '../base/retry.js';

/**
 * 1 s, 2 s, 4 s, each up to a quarter shorter, or the server's Retry-After when it asks for at most 10 s.
 * Throttling counts as a failure here (no throttleBackoff): these calls have no deadline of their own, and a
 * renewal in the middle of a wait must stay short.
 */
export const KEYLESS_PACE: Pace = {
  backoff: { baseMs: 1000, capMs: 4000, jitter: 0.25 },
  retryAfter: { follow: 'always', spread: 0, maxMs: 10_000 },
};
