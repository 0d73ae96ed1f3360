// Test helpers: one emulator per file with a pop-core client on it (emulatorFile), the real pop-core ROAClient,
// an independent v1 signer for raw requests, and a tampering proxy.
import Core from '@alicloud/pop-core';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'node:querystring';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  DEFAULT_CREDENTIALS,
  startEmulator,
  type Credential,
  type Emulator,
  type EmulatorOptions,
} from '../emulator/index.js';
import { ROUTES } from '../emulator/routes/index.js';
import type { SaeApi } from '../../scripts/sae-models.js';

export const VERSION = '2019-05-06';
export const AK = DEFAULT_CREDENTIALS[0]!;
export const STS = DEFAULT_CREDENTIALS[1]!;

/**
 * Each API's path, from the emulator's route table: written once for the emulator and its tests (the action's
 * client has its own, src/sae/client.ts, which the e2e tests hold to the emulator's).
 */
export const PATHS = Object.fromEntries(ROUTES.map((r) => [r.api, r.path])) as Record<SaeApi, string>;

type Q = Record<string, string>;
type H = Record<string, string>;
export interface RoaClient {
  request(
    method: string,
    path: string,
    query?: Q,
    body?: string,
    headers?: H,
    opts?: Record<string, unknown>,
  ): Promise<unknown>;
  get(path: string, query?: Q, headers?: H, opts?: Record<string, unknown>): Promise<unknown>;
  post(path: string, query: Q, body: string, headers?: H, opts?: Record<string, unknown>): Promise<unknown>;
  put(path: string, query: Q, body: string, headers?: H, opts?: Record<string, unknown>): Promise<unknown>;
}
// pop-core's own typings declare only RPCClient.
const { ROAClient } = Core as unknown as { ROAClient: new (config: Record<string, unknown>) => RoaClient };

export function popClient(endpoint: string, cred: Credential = AK, apiVersion = VERSION): RoaClient {
  return new ROAClient({ endpoint, apiVersion, ...cred });
}

export interface EmulatorFile {
  /** The file's emulator: started before its first test, closed after its last. */
  readonly emu: Emulator;
  /** A pop-core client with the default AccessKey on it. */
  readonly c: RoaClient;
  /** Moves the emulator's clock, when the file asked for a manual one. */
  advance(ms: number): void;
  /** The manual clock's time. */
  now(): number;
}

/**
 * One emulator for the test file, and a client on it; reset after each test unless `reset: false`.
 * `manualClock: true` runs its plans and refills on a clock the file moves by hand (advance): a step lasts
 * exactly as long as the test says, however loaded the machine (signatures are still dated by the wall clock).
 * Call it before the file's own beforeAll, which then finds the emulator started.
 */
export function emulatorFile(
  options: EmulatorOptions = {},
  { reset = true, manualClock = false }: { reset?: boolean; manualClock?: boolean } = {},
): EmulatorFile {
  const clock = manualClock ? handClock() : undefined;
  let emu: Emulator | undefined;
  let c: RoaClient | undefined;
  beforeAll(async () => {
    emu = await startEmulator(clock ? { ...options, now: clock.now } : options);
    c = popClient(emu.url);
  });
  if (reset) afterEach(() => emu!.reset());
  afterAll(() => emu?.close());
  return {
    // Stand-ins that reach the emulator and client once started, so a file names them at its top as before.
    emu: started(() => emu),
    c: started(() => c),
    advance: (ms) => (clock ?? needsManualClock()).advance(ms),
    now: () => (clock ?? needsManualClock()).now(),
  };
}

/** A clock a test file moves by hand, for an emulator's `now`: it starts at the wall clock's time. */
export function handClock(): { now: () => number; advance: (ms: number) => void } {
  let now = Date.now();
  return { now: () => now, advance: (ms) => void (now += ms) };
}

function needsManualClock(): never {
  throw new Error('advance() and now() need emulatorFile(…, { manualClock: true })');
}

/** An object that forwards to what `get` returns, once there is something (methods bound to it). */
function started<T extends object>(get: () => T | undefined): T {
  const target = (): T => get() ?? notStarted();
  return new Proxy({} as T, {
    get: (_, key) => {
      const value: unknown = Reflect.get(target(), key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target()) : value;
    },
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
  });
}

function notStarted(): never {
  throw new Error('the emulator starts in beforeAll: use it inside a hook or a test');
}

/** What the tests read from SAE's JSON envelope. */
export interface Envelope {
  RequestId: string;
  Code: string;
  Message: string;
  Success: boolean;
  Data?: Record<string, unknown> & { ChangeOrderId?: string; Status?: number };
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** UpdateJob through pop-core as the SDK splits it: body parameters in a form, the rest in the query. */
export async function updateJob(c: RoaClient, query: Q, body: Q = {}): Promise<Envelope> {
  const form = stringify(body);
  return (await c.post(PATHS.UpdateJob, query, form, Object.keys(body).length ? FORM : {})) as Envelope;
}

export const getApi = async (c: RoaClient, api: keyof typeof PATHS, query: Q): Promise<Envelope> =>
  (await c.get(PATHS[api], query)) as Envelope;

/** The error pop-core throws for a JSON 4xx/5xx. */
export interface PopError {
  code: string;
  statusCode: number;
  result: Record<string, unknown>;
}

export async function rejection(p: Promise<unknown>): Promise<PopError> {
  try {
    await p;
  } catch (e) {
    return e as PopError;
  }
  throw new Error('expected the call to fail');
}

/**
 * An independent ROA v1 signer (written from docs/reference/sae-api.md §6a, not from the emulator) for raw requests.
 */
export function signV1Headers(
  method: string,
  path: string,
  query: Q,
  body: string,
  cred: Credential,
  extra: H = {},
): H {
  const headers: H = {
    accept: 'application/json',
    date: new Date().toUTCString(),
    'x-acs-signature-nonce': randomBytes(16).toString('hex'),
    'x-acs-version': VERSION,
    'x-acs-signature-method': 'HMAC-SHA1',
    'x-acs-signature-version': '1.0',
    'content-md5': createHash('md5').update(body).digest('base64'),
    ...(cred.securityToken
      ? { 'x-acs-accesskey-id': cred.accessKeyId, 'x-acs-security-token': cred.securityToken }
      : {}),
    ...extra,
  };
  const acs = Object.keys(headers)
    .filter((k) => k.startsWith('x-acs-'))
    .sort()
    .map((k) => `${k}:${headers[k]}\n`)
    .join('');
  const keys = Object.keys(query).sort();
  const resource = keys.length ? `${path}?${keys.map((k) => `${k}=${query[k]}`).join('&')}` : path;
  const toSign = `${method}\n${headers['accept']}\n${headers['content-md5']}\n${headers['content-type'] ?? ''}\n${headers['date']}\n${acs}${resource}`;
  headers['authorization'] =
    `acs ${cred.accessKeyId}:${createHmac('sha1', cred.accessKeySecret).update(toSign).digest('base64')}`;
  return headers;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export function raw(
  url: string,
  method: string,
  pathAndQuery: string,
  headers: OutgoingHttpHeaders = {},
  body = '',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${pathAndQuery}`,
      { method, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A properly signed raw request (for reading status, headers and body text that pop-core hides). */
export function signedRaw(
  emu: Emulator,
  method: string,
  path: string,
  query: Q = {},
  body = '',
  extra: H = {},
): Promise<RawResponse> {
  const qs = Object.keys(query).length ? `?${stringify(query)}` : '';
  return raw(emu.url, method, `${path}${qs}`, signV1Headers(method, path, query, body, AK, extra), body);
}

export interface Forwarded {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A loopback proxy that lets a test change a signed request in flight (query, body, headers) before the emulator sees
 * it.
 */
export async function tamperProxy(
  target: string,
  mutate: (r: Forwarded) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Forwarded = {
        path: req.url ?? '/',
        headers: { ...req.headers },
        body: Buffer.concat(chunks).toString('utf8'),
      };
      mutate(r);
      for (const h of ['content-length', 'transfer-encoding', 'connection']) delete r.headers[h]; // re-framed by raw()
      raw(target, req.method ?? 'GET', r.path, r.headers as OutgoingHttpHeaders, r.body).then(
        (out) => {
          res.writeHead(out.status, { 'content-type': String(out.headers['content-type'] ?? '') });
          res.end(out.text);
        },
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls DescribeChangeOrder until `until` holds (or the deadline passes), returning the Data seen last. */
export async function waitForStatus(
  c: RoaClient,
  id: string,
  until: (status: number) => boolean,
  deadlineMs = 2000,
): Promise<Record<string, unknown>> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const data = (await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: id })).Data!;
    if (until(data['Status'] as number) || Date.now() > end) return data;
    await sleep(20);
  }
}
