// How the action reaches the network: through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY names the host,
// never through a proxy for loopback — the Actions toolkit's own rules (@actions/http-client), so a
// self-hosted runner set up for actions/checkout and friends works here without anything new.
//
// Two shapes, for the two kinds of caller:
// - proxyAgent(): an http(s) Agent for pop-core (SAE), which takes an Agent and nothing else.
// - toolkitFetch: a fetch-shaped call on @actions/http-client's agent (in the entry file anyway: @actions/core
//   loads it) for STS, the OIDC token and the GitHub API. It never follows a redirect: a 3xx is handed back as
//   it came, so a token or the STS form (which holds the OIDC token) is never re-sent to wherever a redirect
//   points. Being node:http, a request it gives up on is destroyed with its socket on every Node version.
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
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
 * fetch over the toolkit's agent (@actions/http-client: its proxy rules, its CONNECT tunnel), with no
 * redirects followed and no retries of its own, since each caller has its policy. Bodies are strings, as the
 * callers send them; the answer's body streams (runner/bounded.ts reads it under a cap). Connection failures
 * reject like fetch does (`fetch failed`, the cause attached), so callers and their tests read one shape. The
 * signal ends the request wherever it is, its socket with it: a server that drips its answer holds nothing.
 */
export const toolkitFetch: typeof fetch = async (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  const agent = new HttpClient('sae-job-deploy', [], { allowRedirects: false, allowRetries: false }).getAgent(url.href);
  // A caller's own user-agent stands (Octokit's names itself and the runner's orchestration id).
  const headers: Record<string, string> = {
    'user-agent': 'sae-job-deploy',
    ...Object.fromEntries(new Headers(init.headers).entries()),
  };
  const body = init.body === undefined || init.body === null ? undefined : String(init.body);
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<Response>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: init.method ?? 'GET',
      headers,
      agent,
    });
    let answer: http.IncomingMessage | undefined;
    const onAbort = () => {
      answer?.destroy(signal?.reason as Error);
      req.destroy(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    req.on('error', (e) => {
      done();
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: e }));
    });
    req.on('response', (res) => {
      answer = res;
      res.once('close', done);
      const status = res.statusCode ?? 0;
      const out = new Headers();
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      if (status < 200 || status > 599 || [204, 205, 304].includes(status)) {
        res.resume();
        resolve(new Response(null, { status: status < 200 || status > 599 ? 502 : status, headers: out }));
        return;
      }
      resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status, headers: out }));
    });
    req.end(body);
  });
};
