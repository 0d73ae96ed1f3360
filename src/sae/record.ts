// SAE_RECORD_DIR: every SAE exchange of a run written as one JSON file (API, method, path, query, form body,
// HTTP status, answer), so that what SAE really answers can be replayed by the tests (test/recordings/). A
// recording is meant to be shared, so it is scrubbed before it is written: secrets (OssAkSecret, tokens,
// passwords, and every secret the run registered) become ***, AccessKey ids keep their first four characters,
// and free text that may hold a credential (env values, commands and their arguments, start options, the PHP
// configuration, pip lines, a package URL's query) is replaced by a placeholder, the same one for the same text
// in every file of the run, so a value sent still reads back as the same value.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import { CredentialsError } from '../credentials/credentials-error.js';
import { fromThrown, type ResponseMeta } from './errors.js';

/** One request and its answer, as SaeClient saw them. */
export interface Exchange {
  api: string;
  method: string;
  path: string;
  query: Readonly<Record<string, string>>;
  /** The form body's fields (UpdateJob), when there is a body. */
  body?: Readonly<Record<string, string>>;
  /** HTTP status; undefined when no answer came (timeout, connection). */
  status?: number;
  /** The answer: its JSON (numbers as pop-core parsed them) or its text; undefined when none came. */
  response?: unknown;
  /** The failure code when no answer came. */
  error?: string;
}

/** What every recording file holds (test/recordings/README.md). */
export const RECORDING_FORMAT = 'sae-job-deploy recording 1';

export interface RecorderOptions {
  /** SAE_RECORD_DIR: each client writes into its own folder under it. */
  dir: string;
  /** The SAE endpoint: a loopback one is an emulator, and the recording says so. */
  endpoint: string;
  now: () => number;
  /** The run's scrub of registered secrets (ActionIO.redact). */
  redact?: (text: string) => string;
  /** Told once when a file cannot be written (the deploy goes on). */
  warn: (message: string) => void;
}

const SECRET_KEY = /(secret|token|password|signature)$/i;
const ACCESS_KEY_ID = /(AkId|AccessKeyId)$/i;
/** Text a user writes that may carry a credential. */
const FREE_TEXT = new Set([
  'Command',
  'JarStartArgs',
  'JarStartOptions',
  'WarStartOptions',
  'PhpConfig',
  'PythonModules',
]);
/** JSON (text or parsed) whose string leaves are such text: every string in it but the env names. */
const FREE_JSON = new Set(['Envs', 'CommandArgs', 'PostStart', 'PreStop']);
/** Query parameters of RPC-style signing; ROA signs in headers, so these never appear, but never write them. */
const SIGNING = new Set(['Signature', 'SignatureNonce', 'AccessKeyId', 'SecurityToken', 'Timestamp']);

const isBigNumber = (v: unknown): v is { toFixed(): string } =>
  typeof v === 'object' && v !== null && (v as { _isBigNumber?: unknown })._isBigNumber === true;

/** JSON with json-bigint's BigNumbers written as the numbers they are. */
function toJson(value: unknown, space?: number): string {
  return (
    stringifyLossless(value, null, space, [
      { test: isBigNumber, stringify: (v) => (v as { toFixed(): string }).toFixed() },
    ]) ?? 'null'
  );
}

const isHost = (endpoint: string): { host: string; loopback: boolean } => {
  try {
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
    return { host, loopback: /^(127\.|localhost$|::1$)/.test(host) };
  } catch {
    return { host: '', loopback: false };
  }
};

export class Recorder {
  private seq = 0;
  private readonly folder: string;
  private readonly placeholders = new Map<string, string>();
  private warned = false;
  private readonly source: { host: string; loopback: boolean };

  constructor(private readonly o: RecorderOptions) {
    const stamp = new Date(o.now())
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    this.folder = join(o.dir, `${stamp}-${Math.random().toString(16).slice(2, 6)}`);
    this.source = isHost(o.endpoint);
  }

  /** The placeholder of a free text: the same for the same text in every file of this run. */
  private hide(text: string): string {
    if (text === '') return text;
    let p = this.placeholders.get(text);
    if (!p) this.placeholders.set(text, (p = `<text ${this.placeholders.size + 1}>`));
    return p;
  }

  /** Every string leaf of a free JSON value hidden, but env names and the configMapRef reference kept. */
  private hideLeaves(v: unknown, key = ''): unknown {
    if (typeof v === 'string') return key === 'name' || key === 'valueFrom' || key === 'key' ? v : this.hide(v);
    if (Array.isArray(v)) return v.map((x) => this.hideLeaves(x));
    if (v && typeof v === 'object' && !isBigNumber(v) && !('isLosslessNumber' in v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.hideLeaves(x, k)]));
    return v;
  }

  /** The value of a field, scrubbed by what its name says it holds. */
  private scrubField(key: string, v: unknown): unknown {
    if (SECRET_KEY.test(key)) return typeof v === 'string' && v !== '' ? '***' : v;
    if (ACCESS_KEY_ID.test(key) && typeof v === 'string') return v ? `${v.slice(0, 4)}***` : v;
    if (FREE_TEXT.has(key) && typeof v === 'string') return this.hide(v);
    if (key === 'PackageUrl' && typeof v === 'string') return v.replace(/\?.*$/s, (q) => `?${this.hide(q)}`);
    if (FREE_JSON.has(key)) {
      if (typeof v !== 'string') return this.hideLeaves(v);
      try {
        return stringifyLossless(this.hideLeaves(parseLossless(v)));
      } catch {
        return this.hide(v);
      }
    }
    return this.scrub(v);
  }

  private scrub(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.scrub(x));
    if (v && typeof v === 'object' && !isBigNumber(v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.scrubField(k, x)]));
    return v;
  }

  /** Writes one exchange, scrubbed; never throws (a recording must not fail a deploy). */
  record(e: Exchange): void {
    try {
      const query = Object.fromEntries(Object.entries(e.query).filter(([k]) => !SIGNING.has(k)));
      const file = {
        format: RECORDING_FORMAT,
        // An emulator's answers are the project's picture of SAE, not SAE's: replayed, but marked.
        source: this.source.loopback ? 'emulator' : 'sae',
        host: this.source.host,
        at: new Date(this.o.now()).toISOString(),
        api: e.api,
        method: e.method,
        path: e.path,
        query: this.scrub(query),
        ...(e.body ? { body: this.scrub(e.body) } : {}),
        status: e.status ?? null,
        ...(typeof e.response === 'string'
          ? { responseText: this.o.redact ? this.o.redact(e.response) : e.response }
          : { response: this.scrub(e.response ?? null) }),
        ...(e.error ? { error: e.error } : {}),
      };
      const text = `${toJson(file, 2)}\n`;
      mkdirSync(this.folder, { recursive: true });
      const name = `${String(++this.seq).padStart(3, '0')}-${e.api.replace(/[^A-Za-z0-9]/g, '')}.json`;
      writeFileSync(join(this.folder, name), this.o.redact ? this.o.redact(text) : text);
    } catch (err) {
      if (this.warned) return;
      this.warned = true;
      this.o.warn(
        `SAE_RECORD_DIR is set, but the exchange could not be recorded in ${this.o.dir} (${(err as Error).message}); the deploy goes on without recording. Point SAE_RECORD_DIR at a writable folder.`,
      );
    }
  }

  /** The folder this run's files go to. */
  get where(): string {
    return this.folder;
  }
}

interface Requester {
  request(
    method: string,
    path: string,
    query: Record<string, string>,
    body: string,
    headers: Record<string, string>,
    opts: object,
  ): Promise<unknown>;
}

/**
 * pop-core's client, with every exchange handed to `record` as it ends: the answer pop-core parsed (or the one
 * it threw with), the status the transport saw. The API is named after the path's last part (describeJob →
 * DescribeJob), as every SAE path ends with the API's name.
 */
export function recording<R extends Requester>(
  roa: R,
  transport: { last(): ResponseMeta },
  record: (e: Exchange) => void,
): R {
  const wrapped = Object.create(roa) as R;
  wrapped.request = async (method, path, query, body, headers, opts) => {
    const last = path.split('/').pop() ?? path;
    const api = last.charAt(0).toUpperCase() + last.slice(1);
    const exchange = {
      api,
      method,
      path,
      query,
      ...(body ? { body: Object.fromEntries(new URLSearchParams(body)) } : {}),
    };
    try {
      const response = await roa.request(method, path, query, body, headers, opts);
      record({ ...exchange, status: transport.last().status, response });
      return response;
    } catch (thrown) {
      if (thrown instanceof CredentialsError) throw thrown; // nothing was sent
      const t = (thrown ?? {}) as { result?: unknown; body?: unknown; statusCode?: unknown };
      const answered = t.result !== undefined || t.body !== undefined;
      record({
        ...exchange,
        status: typeof t.statusCode === 'number' ? t.statusCode : transport.last().status,
        response: t.result ?? t.body,
        ...(answered ? {} : { error: fromThrown(api, thrown, transport.last()).code }),
      });
      throw thrown;
    }
  };
  return wrapped;
}
