// A real HTTP proxy for the tests, as a self-signed corporate proxy on a self-hosted runner would be: it
// answers CONNECT host:port by opening a tunnel, but only to the hosts it is told about, each mapped to a
// loopback port (so made-up names like sae.cn-hangzhou.aliyuncs.com reach the emulator, and only through the
// proxy: without it they do not resolve here). Anything else is refused and recorded. A TLS front (with a
// certificate made for those names) stands between the tunnel and the emulator's plain-http port, so the
// action speaks https to the names as it would to the real services.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

export interface TestProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Every CONNECT target asked for (host:port), allowed or not, in order. */
  connects: string[];
  /** Requests sent to the proxy as plain-http proxy requests (absolute URLs): none are expected. */
  plain: string[];
  /** When set (`user:password`), CONNECT needs this Basic Proxy-Authorization, or gets 407. */
  requireAuth?: string;
  close(): Promise<void>;
}

/** A CONNECT proxy that tunnels `host:port` to 127.0.0.1:routes[host:port] and refuses every other target. */
export async function startConnectProxy(routes: Record<string, number>): Promise<TestProxy> {
  const connects: string[] = [];
  const plain: string[] = [];
  const state: { requireAuth?: string } = {};
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    plain.push(`${req.method} ${req.url}`);
    res.writeHead(403).end('this proxy only tunnels');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push(target);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const port = routes[target];
    if (
      state.requireAuth &&
      req.headers['proxy-authorization'] !== `Basic ${Buffer.from(state.requireAuth).toString('base64')}`
    ) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    if (!port) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    plain,
    get requireAuth() {
      return state.requireAuth;
    },
    set requireAuth(v: string | undefined) {
      state.requireAuth = v;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export interface TlsFront {
  port: number;
  /** PEM file of the certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  close(): Promise<void>;
}

/** TLS for `names` on a loopback port, each connection passed on in plain to 127.0.0.1:targetPort. */
export async function startTlsFront(names: string[], targetPort: number): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'sae-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=sae-job-deploy test proxy',
      '-addext',
      `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (s) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const x of [s, upstream]) {
      sockets.add(x);
      x.on('close', () => sockets.delete(x));
      x.on('error', () => (x === s ? upstream : s).destroy());
    }
    s.pipe(upstream);
    upstream.pipe(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    caFile: cert,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
