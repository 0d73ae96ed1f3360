// The retry policy, in one place, for every client the action has (SAE, STS, the GitHub OIDC token, the
// GitHub API): exponential backoff with jitter, a server's wait hint (x-acs-retry-after, Retry-After), the
// deadline, cancellation, and the flow-control rule that throttling slows a run down rather than failing it.
// What a client decides is only which failures are worth another try and what they say (a small predicate
// beside the client: sae/retry.ts, credentials/sts.ts, credentials/github-oidc.ts, report/pr-comment.ts),
// and its pace: SAE's and keyless login's at the end of this file (the GitHub API's, for the PR comment of a dry
// run, is still beside its client in report/pr-comment.ts).

export interface Backoff {
  /** First delay ceiling. */
  baseMs: number;
  /** Largest delay ceiling. */
  capMs: number;
  /** Growth of the ceiling per retry (default 2). */
  factor?: number;
  /**
   * The random share of each delay: 1 (default) is "full jitter", anywhere from 0 to the ceiling; 0.5 is
   * "equal jitter", half fixed and half random, never near zero.
   */
  jitter?: number;
}

/** What a client's predicate says about one failure that is worth another try. */
export interface Retryable {
  /** The shared API budget is spent: a signal to slow down, not a failure (see Pace.throttleBackoff). */
  throttled?: boolean;
  /** How long the server asked the client to wait, in ms. */
  retryAfterMs?: number;
}

/** A client's pace: how long it waits, and how it follows a server's hint. */
export interface Pace {
  backoff: Backoff;
  /**
   * Backoff after throttled calls. With one, throttled calls do not count against maxRetries: they are retried
   * for as long as the deadline allows. Without one, throttling is a failure like any other.
   */
  throttleBackoff?: Backoff;
  /**
   * How a server's wait hint is followed. 'throttled': as given on a throttled call, spread by up to `spread`
   * (so runs told the same thing do not all return in the same instant), and as a floor under the backoff on
   * other failures. 'always': as given on every failure.
   */
  retryAfter: { follow: 'throttled' | 'always'; spread: number; /** Longer hints are ignored. */ maxMs?: number };
}

/** The delay before retry number `attempt` (0 for the first) of a failure. */
export function delayFor(attempt: number, failure: Retryable, pace: Pace, random: () => number = Math.random): number {
  const b = failure.throttled && pace.throttleBackoff ? pace.throttleBackoff : pace.backoff;
  const ceiling = Math.min(b.capMs, b.baseMs * (b.factor ?? 2) ** attempt);
  const jitter = b.jitter ?? 1;
  const backoff = () => Math.floor(ceiling * (1 - jitter) + random() * ceiling * jitter);
  const hint = failure.retryAfterMs;
  const asked =
    hint !== undefined && hint >= 0 && (pace.retryAfter.maxMs === undefined || hint <= pace.retryAfter.maxMs)
      ? hint
      : undefined;
  if (asked === undefined) return backoff();
  if (pace.retryAfter.follow === 'always' || failure.throttled) {
    const { spread } = pace.retryAfter;
    return spread ? Math.floor(asked * (1 + spread * random())) : asked;
  }
  return Math.max(backoff(), asked);
}

export interface RetryOptions<E> {
  /** Whether a failure is worth another try, and what it says; undefined ends the call with that failure. */
  retryable: (error: unknown) => Retryable | undefined;
  pace: Pace;
  /** Retries of real failures (throttled calls do not count when the pace has a throttleBackoff). */
  maxRetries: number;
  /** Epoch ms after which no retry starts (default: none). */
  deadline?: number;
  now?: () => number;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  /** A cancelled run stops retrying: the sleep ends early, and the last failure stands. */
  signal?: AbortSignal;
  onRetry?: (error: E, attempt: number, delayMs: number) => void;
}

/**
 * Calls until it succeeds, a failure is not worth another try, the retries or the deadline run out, or the run is
 * cancelled.
 */
export async function retrying<T, E = unknown>(call: () => Promise<T>, o: RetryOptions<E>): Promise<T> {
  let failures = 0;
  let throttles = 0;
  const now = o.now ?? Date.now;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const r = o.signal?.aborted ? undefined : o.retryable(e);
      if (!r) throw e;
      // Throttling says the shared budget is spent, not that anything is wrong: it slows the run down
      // (its own, growing backoff) and ends it only at the deadline, while max-retries bounds real errors.
      const throttled = Boolean(r.throttled && o.pace.throttleBackoff);
      if (!throttled && failures >= o.maxRetries) throw e;
      const delay = throttled ? delayFor(throttles++, r, o.pace, o.random) : delayFor(failures++, r, o.pace, o.random);
      if (o.deadline !== undefined && now() + delay >= o.deadline) throw e;
      o.onRetry?.(e as E, attempt + 1, delay);
      await o.sleep(delay);
      if (o.signal?.aborted) throw e;
    }
  }
}

/** An HTTP Retry-After given in seconds (STS and GitHub send it so), in ms; an HTTP date is not followed. */
export function retryAfterHeader(res: Response): number | undefined {
  const text = res.headers.get('retry-after');
  const seconds = Number(text);
  return text && Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

// Each client's pace.

/** SAE's backoff on real failures: 1 s, doubling, to 20 s, full jitter. */
export const SAE_BACKOFF: Backoff = { baseMs: 1000, capMs: 20_000 };

/**
 * After a throttled call: from about 2 s (docs/reference/sae-api.md §8.4), ×1.5 to 4 s, spread ("equal jitter": half
 * fixed, half random, never near zero, which would only spend another call of the empty budget). Short, because
 * the long waits are the run's budget gate's (budget.ts): once a call was throttled it keeps every call of the
 * run apart (15 s, up to 20 s), and a retry waits for the later of the two. The backoff alone is what the call the run
 * ends with waits (the gate lets it through at once): the budget refills at about a call a second, so a
 * second or two later a token is there more often than not.
 */
export const SAE_THROTTLE_BACKOFF: Backoff = { baseMs: 2000, capMs: 4000, factor: 1.5 };

/**
 * x-acs-retry-after: followed as given on a throttled call, plus up to 20 % so that runs told the same thing do not all
 * come back in the same instant; a floor under the backoff otherwise.
 */
const SAE_RETRY_AFTER: Pace['retryAfter'] = { follow: 'throttled', spread: 0.2 };

/**
 * SAE's pace: `backoff` on real failures, `throttleBackoff` on throttled calls (with equal jitter: a delay near zero
 * would only spend another call of the empty budget, unless the backoff says its own jitter), and
 * x-acs-retry-after as SAE_RETRY_AFTER says. Throttled calls do not count against max-retries.
 */
export function saePace(backoff: Backoff = SAE_BACKOFF, throttleBackoff: Backoff = SAE_THROTTLE_BACKOFF): Pace {
  return { backoff, throttleBackoff: { jitter: 0.5, ...throttleBackoff }, retryAfter: SAE_RETRY_AFTER };
}

/**
 * A short pace, for calls that are not SAE's: keyless login's two (the GitHub OIDC token and STS
 * AssumeRoleWithOIDC) and the PR comment's GitHub API calls: 1 s, 2 s, 4 s, each up to a quarter shorter, or the
 * server's Retry-After when it asks for at most 10 s. Throttling counts as a failure here (no throttleBackoff):
 * these calls have no deadline of their own, a renewal in the middle of a wait must stay short, and a dry run's
 * comment is a courtesy.
 */
export const SHORT_PACE: Pace = {
  backoff: { baseMs: 1000, capMs: 4000, jitter: 0.25 },
  retryAfter: { follow: 'always', spread: 0, maxMs: 10_000 },
};
