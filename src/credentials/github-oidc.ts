// The GitHub OIDC token for keyless login, fetched as the runner documents it: GET
// `ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with `Authorization: Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN`,
// answered with {"value": "<JWT>"}. @actions/core's getIDToken does the same on @actions/http-client, but
// follows redirects (the bearer request token would go along); the runner passes this the same client with
// redirects off (runner/network.ts toolkitFetch: proxies as the toolkit does), and a 3xx is an answer.
// The URL must be https://, or http:// to this machine only (a local test server).
//
// Retried: connection errors and timeouts, HTTP 5xx and 429 (three retries, about 1, 2 and 4 s apart, or
// the server's Retry-After up to 10 s), none started past the run's deadline. Anything else (401 for a bad
// request token, 403, a 200 without a token) fails at once: asking again would get the same answer.

import { SHORT_PACE, retryAfterHeader, retrying } from '../pace/retry-policy.js';
import { isPrivateChannel } from '../base/urls.js';
import { boundedFetch } from '../runner/bounded.js';
import type { CallBounds } from './types.js';

const RETRIES = 3;
const TIMEOUT_MS = 10_000;
/** The answer is {"value": "<JWT>"}: a few kilobytes. */
export const TOKEN_MAX_BYTES = 64 * 1024;

/** An attempt worth another: no answer, or HTTP 5xx / 429. `why` says what happened, for the last one. */
class Unavailable {
  constructor(
    readonly why: string,
    readonly retryAfterMs?: number,
  ) {}
}

export async function getGitHubIdToken(
  env: NodeJS.ProcessEnv,
  audience: string,
  fetcher: typeof fetch,
  sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  bounds: CallBounds = {},
): Promise<string> {
  const base = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!base || !bearer) throw new Error('ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set');
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error('ACTIONS_ID_TOKEN_REQUEST_URL is not a URL');
  }
  if (!isPrivateChannel(url)) {
    throw new Error(
      `ACTIONS_ID_TOKEN_REQUEST_URL is not https:// (${url.protocol}//${url.host}), so the request token would cross the network unencrypted`,
    );
  }
  if (audience) url.searchParams.set('audience', audience);
  // Each attempt: one deadline over connect, headers and body, and a cap on the answer (runner/bounded.ts).
  const get = boundedFetch(fetcher, {
    service: 'the GitHub OIDC token service',
    timeoutMs: TIMEOUT_MS,
    maxBytes: TOKEN_MAX_BYTES,
    signal: bounds.signal,
    deadline: () => bounds.deadline,
    now: bounds.now,
  });
  const once = async (): Promise<string> => {
    let res: Response;
    try {
      res = await get(url, { headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } });
    } catch (e) {
      // fetch says only "fetch failed"; the cause (ECONNREFUSED, a timeout) is what helps.
      const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
      throw new Unavailable(
        `the token request failed (${[(e as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': ')})`,
      );
    }
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel().catch(() => undefined); // frees the connection for the next attempt
      throw new Unavailable(`the token service answered HTTP ${res.status}`, retryAfterHeader(res));
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(
        `the token service answered HTTP ${res.status}, a redirect${res.headers.get('location') ? ` to ${new URL(res.headers.get('location')!, url).host}` : ''}, which the action does not follow`,
      );
    }
    const body = (await res.json().catch(() => ({}))) as { value?: unknown; message?: unknown };
    if (res.ok && typeof body.value === 'string' && body.value) return body.value;
    throw new Error(
      `the token service answered HTTP ${res.status}${typeof body.message === 'string' ? `: ${body.message}` : res.ok ? ' without a token' : ''}`,
    );
  };
  try {
    return await retrying(once, {
      retryable: (e) => (e instanceof Unavailable ? { retryAfterMs: e.retryAfterMs } : undefined),
      pace: SHORT_PACE,
      maxRetries: RETRIES,
      sleep,
      deadline: bounds.deadline,
      now: bounds.now,
      signal: bounds.signal,
    });
  } catch (e) {
    if (e instanceof Unavailable) throw new Error(`${e.why}, after ${RETRIES + 1} attempts`);
    throw e;
  }
}
