// The RUNNER_DEBUG lines (shown when a run is re-run with debug logging, or ACTIONS_STEP_DEBUG is set):
// each API call with its duration and request id, and each wait the action decides on. They name APIs,
// durations, ids and codes only, never a parameter value, so they cannot carry a secret.
import type { Clock } from '../changeorder/wait.js';
import type { ActionIO } from '../runner/io.js';
import type { CallRecord } from '../sae/client.js';
import { proxyFor } from '../runner/network.js';

export function logCall(io: ActionIO, c: CallRecord): void {
  const outcome = c.code ? `failed: ${c.code}` : 'ok';
  io.debug(`SAE ${c.api}: ${outcome}${c.status ? `, HTTP ${c.status}` : ''}, ${c.ms} ms, request id ${c.requestId || 'none'}`);
}

/** The clock, with every sleep (the next poll, a retry's backoff, a wait for another order) logged as a decision. */
export function debugClock(io: ActionIO, clock: Clock, what: string): Clock {
  return {
    now: clock.now,
    sleep: (ms, signal) => {
      io.debug(`${what}: next request in ${(ms / 1000).toFixed(1)} s`);
      return clock.sleep(ms, signal);
    },
  };
}

/** How a service is reached: directly, or through which proxy (host and port only: a proxy URL may hold a password). */
export function logRoute(io: ActionIO, service: string, url: string): void {
  const proxy = proxyFor(url);
  io.debug(`${service} at ${new URL(url).host}: ${proxy ? `through the proxy ${proxy.host} (HTTPS_PROXY / HTTP_PROXY)` : 'direct (no proxy applies: none set, NO_PROXY, or loopback)'}`);
}
