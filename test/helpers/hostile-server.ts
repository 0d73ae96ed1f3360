// A hostile server for the tests: a loopback HTTP proxy in front of the SAE emulator, the STS, OIDC-token or
// GitHub API stand-ins (anything at an upstream URL), that passes each request on or, for the requests a rule
// picks, answers as no well-behaved server would: stalls, drips, floods or rewrites. Point the action's
// endpoint (or sts-endpoint, ACTIONS_ID_TOKEN_REQUEST_URL, GITHUB_API_URL) at `url`.
//
// What each act does, as the client sees it:
// - stall 'connect': the request is never read, never passed on and never answered (on plain http over
//   loopback the closest to a connection that never completes: a TCP handshake cannot be held back here);
// - stall 'headers': the request is passed on (the upstream acts on it) and its answer never comes;
// - stall 'body': the upstream's status and headers come, then nothing, the connection held open;
// - drip: the upstream's status and headers, then its body one byte every `everyMs`, endlessly (junk after it);
// - flood: status 200, JSON headers, then `bytes` of a JSON-looking body as fast as the client reads;
// - rewrite: the upstream's answer, its body (parsed JSON) turned into another by a function;
// - answer: a canned answer, the upstream never asked.
// Every answer carries `connection: close`, so each request comes on a connection of its own and a rule
// applies to exactly the requests it picks. `openSockets()` tells whether the client left any connection
// open: a bounded client destroys the sockets of the answers it gave up on.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { routeForPath } from '../emulator/routes/index.js';

export type Stall = 'connect' | 'headers' | 'body';

export type Act =
  | { stall: Stall }
  | { drip: { everyMs: number } }
  | { flood: { bytes: number } }
  | { rewrite: (body: unknown, seen: Seen) => unknown }
  | { answer: { status: number; body: string; contentType?: string } };

/** A request as the server saw it. `call`: the SAE API, STS Action, 'OidcToken' or 'GitHub <METHOD>'. */
export interface Seen {
  call: string;
  method: string;
  path: string;
  query: URLSearchParams;
  /** The act applied, if a rule picked it. */
  act?: string;
}

export interface Rule {
  /** The calls it applies to: a call name, a list of them, or a predicate. */
  match: string | readonly string[] | ((s: Seen) => boolean);
  act: Act;
  /** How many requests it applies to (default: every one). */
  times?: number;
}

export interface HostileServer {
  url: string;
  seen: Seen[];
  add(rule: Rule): void;
  /** Connections the client still holds open. */
  openSockets(): number;
  reset(): void;
  close(): Promise<void>;
}

/** What a request is, for rules and the log. */
export function callOf(method: string, path: string, query: URLSearchParams): string {
  const route = routeForPath(path);
  if (route) return route.api;
  if (query.get('Action')) return query.get('Action')!;
  if (path.includes('idtoken')) return 'OidcToken';
  if (path.startsWith('/repos/') || path.startsWith('/user')) return `GitHub ${method}`;
  return path;
}

const actName = (a: Act): string =>
  'stall' in a
    ? `stall-${a.stall}`
    : 'drip' in a
      ? 'drip'
      : 'flood' in a
        ? 'flood'
        : 'rewrite' in a
          ? 'rewrite'
          : 'answer';

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(upstream: URL, req: http.IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: upstream.host, connection: 'close' };
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(parts) }),
        );
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

const PASSED = ['content-type', 'x-acs-request-id', 'x-acs-retry-after', 'retry-after', 'location'];
const headersOf = (u: Upstream): Record<string, string> =>
  Object.fromEntries(PASSED.filter((h) => u.headers[h] !== undefined).map((h) => [h, String(u.headers[h])]));

export async function startHostileServer(upstreamUrl: string): Promise<HostileServer> {
  const upstream = new URL(upstreamUrl);
  const rules: Array<Rule & { left: number }> = [];
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();

  const pick = (s: Seen): Act | undefined => {
    const i = rules.findIndex((r) =>
      typeof r.match === 'function'
        ? r.match(s)
        : typeof r.match === 'string'
          ? r.match === s.call
          : r.match.includes(s.call),
    );
    if (i < 0) return undefined;
    const r = rules[i]!;
    if (--r.left <= 0) rules.splice(i, 1);
    return r.act;
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const s: Seen = {
      call: callOf(req.method ?? 'GET', url.pathname, url.searchParams),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
    };
    seen.push(s);
    const act = pick(s);
    if (act) s.act = actName(act);
    if (act && 'stall' in act && act.stall === 'connect') {
      req.socket.pause();
      return;
    }
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const body = Buffer.concat(parts);
    try {
      if (act && 'answer' in act) {
        res.writeHead(act.answer.status, {
          'content-type': act.answer.contentType ?? 'application/json',
          connection: 'close',
        });
        res.end(act.answer.body);
        return;
      }
      if (act && 'flood' in act) {
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', connection: 'close' });
        await flood(res, act.flood.bytes);
        return;
      }
      const up = await forward(upstream, req, body);
      if (act && 'stall' in act && act.stall === 'headers') return;
      if (act && 'rewrite' in act) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(up.body.toString('utf8'));
        } catch {
          parsed = up.body.toString('utf8');
        }
        const next = act.rewrite(parsed, s);
        const text = typeof next === 'string' ? next : JSON.stringify(next);
        res.writeHead(up.status, {
          ...headersOf(up),
          'content-type': headersOf(up)['content-type'] ?? 'application/json',
          connection: 'close',
        });
        res.end(text);
        return;
      }
      res.writeHead(up.status, { ...headersOf(up), connection: 'close' });
      if (act && 'stall' in act) {
        res.flushHeaders();
        return;
      }
      if (act && 'drip' in act) {
        res.flushHeaders();
        const bytes = up.body.length ? up.body : Buffer.from('{"RequestId":"x"}');
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed) return void clearInterval(t);
          // The answer, then junk: it never ends.
          res.write(i < bytes.length ? bytes.subarray(i, i + 1) : ' ');
          i++;
        }, act.drip.everyMs);
        timers.add(t);
        res.once('close', () => {
          clearInterval(t);
          timers.delete(t);
        });
        return;
      }
      res.end(up.body);
    } catch {
      res.destroy();
    }
  });
  // Nothing on the server's side ends a held connection: only the client can.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.keepAliveTimeout = 0;
  server.on('connection', (sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    add: (rule) => void rules.push({ ...rule, left: rule.times ?? Infinity }),
    openSockets: () => [...sockets].filter((s) => !s.destroyed).length,
    reset() {
      rules.length = 0;
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearInterval(t);
        for (const sock of sockets) sock.destroy();
        server.close(() => r());
      }),
  };
}

/** `bytes` of a body that starts like SAE's JSON and never closes, written as fast as the client takes it. */
async function flood(res: http.ServerResponse, bytes: number): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  res.write('{"RequestId":"flood","Data":{"Pad":"');
  for (let sent = 0; sent < bytes && !res.destroyed; sent += chunk.length) {
    if (!res.write(chunk))
      await new Promise<void>((r) => {
        const on = () => {
          res.off('drain', on).off('close', on);
          r();
        };
        res.once('drain', on).once('close', on);
      });
  }
  if (!res.destroyed) res.end('"}}');
}
