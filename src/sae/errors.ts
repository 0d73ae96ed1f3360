// One error type for every way a call to SAE can fail, whatever shape pop-core gave it.
import { AnswerTooLarge, NoAnswerInTime, RequestCancelled } from '../runner/bounded.js';

/** How the failure came about; decides retries and the wording of reports. */
export type FailureKind =
  | 'api' // SAE answered with an error code
  | 'format' // SAE (or something in between) answered with something that is not the expected JSON
  | 'timeout' // no answer in time: SAE may or may not have acted
  | 'connection'; // no connection, or it broke

/** What a SaeError says, by name: `new SaeError({ api, kind, code, message, httpStatus })`. */
export interface SaeErrorFields {
  /** The API called, e.g. 'UpdateJob'. */
  api: string;
  kind: FailureKind;
  code: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
  /** Milliseconds SAE asked us to wait before retrying (x-acs-retry-after). */
  retryAfterMs?: number;
  /** False only when the request cannot have reached SAE (connection refused, DNS); true when not given. */
  mayHaveReachedServer?: boolean;
}

export class SaeError extends Error {
  override readonly name = 'SaeError';
  readonly api: string;
  readonly kind: FailureKind;
  readonly code: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly mayHaveReachedServer: boolean;
  constructor(f: SaeErrorFields) {
    super(f.message);
    this.api = f.api;
    this.kind = f.kind;
    this.code = f.code;
    this.httpStatus = f.httpStatus;
    this.requestId = f.requestId;
    this.retryAfterMs = f.retryAfterMs;
    this.mayHaveReachedServer = f.mayHaveReachedServer ?? true;
  }
}

/** What the transport saw of the response, captured below pop-core (which returns bodies only). */
export interface ResponseMeta {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
}

type Thrown = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  result?: Record<string, unknown>;
  body?: unknown;
};

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** URLs in transport errors carry the whole query (env values among them): keep scheme, host and path. */
export function stripQueries(text: string): string {
  return text.replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1');
}

export function retryAfterMs(meta?: ResponseMeta): number | undefined {
  const v = meta?.headers?.['x-acs-retry-after'];
  const n = Number(Array.isArray(v) ? v[0] : v);
  // openapi-core reads it as milliseconds (and caps it at 120 s); SAE does not document the unit.
  return Number.isFinite(n) && n > 0 ? Math.min(n, 120_000) : undefined;
}

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/** Turns whatever pop-core threw into a SaeError. */
export function fromThrown(api: string, thrown: unknown, meta?: ResponseMeta): SaeError {
  const t = (thrown ?? {}) as Thrown;
  const status = typeof t.statusCode === 'number' ? t.statusCode : meta?.status;
  // The request's own bounds (runner/bounded.ts): their messages are the action's, with no URL in them.
  if (thrown instanceof AnswerTooLarge)
    return new SaeError({
      api,
      kind: 'format',
      code: 'InvalidResponse.TooLarge',
      message: thrown.message,
      httpStatus: status,
      retryAfterMs: retryAfterMs(meta),
    });
  if (thrown instanceof NoAnswerInTime) {
    const reached = thrown.stage !== 'connect';
    return new SaeError({
      api,
      kind: 'timeout',
      code: 'RequestTimeout',
      message: thrown.message,
      mayHaveReachedServer: reached,
    });
  }
  if (thrown instanceof RequestCancelled)
    return new SaeError({
      api,
      kind: 'connection',
      code: 'Run.Cancelled',
      message: thrown.message,
      mayHaveReachedServer: thrown.sent,
    });
  if (t.result && typeof t.result === 'object') {
    // A JSON error answer. SAE's code may sit in ErrorCode or Code (docs/reference/sae-api.md §8.1); pop-core reads
    // only Code.
    const r = t.result;
    const code = text(r.ErrorCode) ?? text(r.Code) ?? text(t.code) ?? `HTTP${status ?? ''}`;
    return new SaeError({
      api,
      kind: 'api',
      code,
      message: text(r.Message) ?? text(r.message) ?? '',
      httpStatus: status,
      requestId: text(r.RequestId),
      retryAfterMs: retryAfterMs(meta),
    });
  }
  if (t.name === 'FormatError') {
    return new SaeError({
      api,
      kind: 'format',
      code: 'InvalidResponse.Json',
      message: `the answer is not valid JSON${status ? ` (HTTP ${status})` : ''}`,
      httpStatus: status,
      retryAfterMs: retryAfterMs(meta),
    });
  }
  const message = stripQueries(text(t.message) ?? String(thrown));
  if (t.name === 'RequestTimeoutError' || /Timeout/.test(String(t.name))) {
    return new SaeError({ api, kind: 'timeout', code: 'RequestTimeout', message });
  }
  const code = text(t.code);
  if (code && /^E[A-Z]+$/.test(code)) {
    return new SaeError({ api, kind: 'connection', code, message, mayHaveReachedServer: !NOT_SENT.has(code) });
  }
  if (code) {
    // pop-core's XML error (a gateway answering in XML).
    return new SaeError({ api, kind: 'api', code, message, httpStatus: status, retryAfterMs: retryAfterMs(meta) });
  }
  return new SaeError({ api, kind: 'connection', code: 'RequestFailed', message, httpStatus: status });
}

/** A body that pop-core returned as text: the answer did not come from SAE's JSON API. */
export function fromTextBody(api: string, body: string, meta?: ResponseMeta): SaeError {
  const status = meta?.status;
  const snippet = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return new SaeError({
    api,
    kind: 'format',
    code: status && status >= 500 ? `HTTP${status}` : 'InvalidResponse.NotJson',
    message: `the answer is not JSON${status ? ` (HTTP ${status})` : ''}${snippet ? `: "${snippet}"` : ''}`,
    httpStatus: status,
    retryAfterMs: retryAfterMs(meta),
  });
}

/** The template is busy and the action will not (or can no longer) wait: changeorder/submit.ts gives up. */
export class BusyError extends SaeError {
  constructor(
    cause: SaeError,
    readonly runningOrderId: string | undefined,
    /** It waited for that order once, and the order had not ended by the deadline (or the run was cancelled). */
    readonly waited: boolean,
  ) {
    const { api, kind, code, message, httpStatus, requestId } = cause;
    super({ api, kind, code, message, httpStatus, requestId });
  }
}

/** UpdateJob may or may not have created a change order, and none could be found: sending again could deploy twice. */
export class AmbiguousSubmitError extends SaeError {
  constructor(cause: SaeError) {
    const { api, kind, code, message, httpStatus, requestId } = cause;
    super({ api, kind, code, message, httpStatus, requestId, mayHaveReachedServer: true });
  }
}
