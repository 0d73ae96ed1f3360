// How the action reaches the network: through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY names the host,
// never through a proxy for loopback — the Actions toolkit's own rules (@actions/http-client), so a
// self-hosted runner set up for actions/checkout and friends works here without anything new.
//
// Two shapes, for the two kinds of caller:
// - proxyAgent(): an http(s) Agent for pop-core (SAE), which takes an Agent and nothing else.
// - toolkitFetch: a fetch-shaped call on @actions/http-client (in the entry file anyway: @actions/core
//   loads it) for STS and the OIDC token. It never follows a
//   redirect: a 3xx is handed back as it came, so a token or the STS form (which holds the OIDC token) is
//   never re-sent to wherever a redirect points.
import http from 'node:http';
import https from 'node:https';
import { HttpClient } from '@actions/http-client';
import { getProxyUrl } from '@actions/http-client/lib/proxy';

/** The proxy the toolkit would use for this URL (`undefined`: connect directly). */
export function proxyFor(url: string): URL | undefined {
  const proxy = getProxyUrl(new URL(url));
  return proxy && proxy.hostname ? proxy : undefined;
}

/**
 * An Agent for requests to `url`: a keep-alive agent of its own, or, when a proxy applies, https-proxy-agent
 * (a CONNECT tunnel, TLS to the target inside it, so the proxy sees neither the request nor its signature).
 */
export async function proxyAgent(url: string): Promise<http.Agent> {
  const proxy = proxyFor(url);
  if (!proxy)
    return url.startsWith('https:') ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const { HttpsProxyAgent } = await import('https-proxy-agent');
  return new HttpsProxyAgent(proxy, { keepAlive: true }) as unknown as http.Agent;
}

/**
 * fetch over @actions/http-client (proxies as above; no redirects followed; no retries of its own, since
 * each caller has its policy). Bodies are strings, as the callers send them. Connection failures reject like
 * fetch does (`fetch failed`, the cause attached), so callers and their tests read one shape.
 */
export const toolkitFetch: typeof fetch = async (input, init = {}) => {
  const url = input instanceof Request ? input.url : String(input);
  const client = new HttpClient('sae-job-deploy', [], {
    allowRedirects: false,
    allowRetries: false,
    socketTimeout: 30_000,
  });
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = init.body === undefined || init.body === null ? null : String(init.body);
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  const sent = client.request(init.method ?? 'GET', url, body, headers);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const res = await Promise.race([sent, aborted]);
    const text = await Promise.race([res.readBody(), aborted]);
    const status = res.message.statusCode ?? 0;
    const out = new Headers();
    for (const [k, v] of Object.entries(res.message.headers)) {
      if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    return new Response([101, 204, 205, 304].includes(status) ? null : text, { status, headers: out });
  } catch (e) {
    if (signal?.aborted && e === signal.reason) throw e;
    throw new TypeError('fetch failed', { cause: e });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    sent.catch(() => undefined);
    client.dispose();
  }
};
