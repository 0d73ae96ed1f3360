// The RUNNER_DEBUG lines (shown when a run is re-run with debug logging, or ACTIONS_STEP_DEBUG is set):
// each API call with its duration and request id, and each wait the action decides on. They name APIs,
// durations, ids and codes only, never a parameter value, so they cannot carry a secret.
import type { Clock } from '../runner/clock.js';
import type { ActionIO } from '../runner/io.js';
import type { GateHold } from '../pace/budget.js';
import type { CallRecord } from '../sae/client.js';
import { proxyFor } from '../runner/network.js';
import { seconds } from './format.js';

export function logCall(io: ActionIO, c: CallRecord): void {
  const outcome = c.code ? `failed: ${c.code}` : 'ok';
  io.debug(
    `SAE ${c.api}: ${outcome}${c.status ? `, HTTP ${c.status}` : ''}, ${c.ms} ms, request id ${c.requestId || 'none'}`,
  );
}

/**
 * The budget gate's hold before a call (pace/budget.ts), with the whole wait since the run's last answer: the
 * "next request in" line before it gives the caller's own wait only.
 */
export function logHold(io: ActionIO, h: GateHold): void {
  io.debug(
    `${h.api}: held ${seconds(h.heldMs)} more by the run's API budget (calls ${(h.gapMs / 1000).toFixed(0)} s apart since a throttled call); sent ${seconds(h.sinceLastAnswerMs)} after the last answer`,
  );
}

/** The clock, with every sleep (the next poll, a retry's backoff, a wait for another order) logged as a decision. */
export function debugClock(io: ActionIO, clock: Clock, what: string): Clock {
  return {
    now: clock.now,
    sleep: (ms, signal) => {
      io.debug(`${what}: next request in ${seconds(ms)}`);
      return clock.sleep(ms, signal);
    },
  };
}

/** How a service is reached: directly, or through which proxy (host and port only: a proxy URL may hold a password). */
export function logRoute(io: ActionIO, service: string, url: string): void {
  const proxy = proxyFor(url);
  io.debug(
    `${service} at ${new URL(url).host}: ${proxy ? `through the proxy ${proxy.host} (HTTPS_PROXY / HTTP_PROXY)` : 'direct (no proxy applies: none set, NO_PROXY, or loopback)'}`,
  );
}

/**
 * fetch, with each call logged: service, host, HTTP status (or the failure), duration. No URL path or query, no body.
 */
export function debugFetch(io: ActionIO, service: string, f: typeof fetch): typeof fetch {
  return async (input, init) => {
    const host = new URL(input instanceof Request ? input.url : String(input)).host;
    const startedAt = Date.now();
    try {
      const res = await f(input, init);
      const id = res.headers.get('x-acs-request-id');
      io.debug(
        `${service} at ${host}: HTTP ${res.status}, ${Date.now() - startedAt} ms${id ? `, request id ${id}` : ''}`,
      );
      return res;
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      io.debug(
        `${service} at ${host}: failed (${(e as Error).name}${cause ? ` ${cause}` : ''}), ${Date.now() - startedAt} ms`,
      );
      throw e;
    }
  };
}

/** The GitHub OIDC token request, logged with its duration (never the token). */
export function debugIdToken<B>(
  io: ActionIO,
  get: (audience: string, bounds?: B) => Promise<string>,
): (audience: string, bounds?: B) => Promise<string> {
  return async (audience, bounds) => {
    const startedAt = Date.now();
    try {
      const token = await get(audience, bounds);
      io.debug(`GitHub OIDC token for audience ${audience}: issued, ${Date.now() - startedAt} ms`);
      return token;
    } catch (e) {
      io.debug(`GitHub OIDC token for audience ${audience}: failed, ${Date.now() - startedAt} ms`);
      throw e;
    }
  };
}
