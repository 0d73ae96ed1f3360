// Every request the action makes is bounded end to end: one deadline over connect, headers and body, a cap
// on the size of the answer, and the run's cancellation. A request past any of them is destroyed with its
// socket, so nothing a server does (answer headers and then drip a byte every few hundred ms, or send a
// hundred megabytes) can hold the run, its memory or the process. Two shapes, for the two kinds of client:
// - guardRequest: a node:http request (pop-core's, for SAE; its agent hands each request here);
// - boundedFetch: any fetch (STS, the GitHub OIDC token, the GitHub API), the body read here under the cap.
import type http from 'node:http';
import type { Writable } from 'node:stream';
import { Agent } from 'undici';
import { requestBudget } from '../base/deadline.js';

/** What a request may take, and what it is for the messages ("SAE", "STS", "the GitHub API" …). */
export interface RequestLimits {
  service: string;
  /** From the request's start to the last byte of its answer. */
  timeoutMs: number;
  /** The largest answer body read (decompressed, where it is compressed). */
  maxBytes: number;
  /** The run's cancellation: a request in flight is destroyed. */
  signal?: AbortSignal;
}

export type Stage = 'connect' | 'headers' | 'body';

const STAGE_WORDS: Record<Stage, string> = {
  connect: 'the request was not even sent (no connection)',
  headers: 'no answer came',
  body: 'the answer began but its body did not finish',
};

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MiB` : `${Math.round(bytes / 1024)} KiB`;

/** The answer was larger than any the action expects from that service. */
export class AnswerTooLarge extends Error {
  override readonly name = 'AnswerTooLarge';
  constructor(
    readonly service: string,
    readonly limitBytes: number,
  ) {
    super(
      `${service}'s answer was larger than ${size(limitBytes)}, far more than any answer it gives, so it was cut off`,
    );
  }
}

/** No complete answer within the request's time. Named as pop-core names its timeouts, so SAE reads it as one. */
export class NoAnswerInTime extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly service: string,
    readonly ms: number,
    readonly stage: Stage,
  ) {
    super(
      ms === 0
        ? `nothing was sent to ${service}: the run is past its deadline and grace`
        : `${service} gave no complete answer within ${seconds(ms)}: ${STAGE_WORDS[stage]}`,
    );
  }
}

/** The run was cancelled while the request was in flight (or before it left). */
export class RequestCancelled extends Error {
  override readonly name = 'RequestCancelled';
  constructor(
    readonly service: string,
    /** The request had been handed to the network in full: the server may have acted on it. */
    readonly sent: boolean,
  ) {
    super(`the run was cancelled ${sent ? 'after the request to' : 'before the request reached'} ${service}`);
  }
}

/** Binds one node:http request to its limits (called by the agent as the request is made). */
export function guardRequest(req: http.ClientRequest, l: RequestLimits): void {
  let sent = false;
  let res: http.IncomingMessage | undefined;
  let decoded: Writable | undefined;
  let bytes = 0;
  let over = false;
  const stop = (err: Error) => {
    if (over) return;
    over = true;
    done();
    // Destroying the answer errors whoever reads it (httpx rejects with err) and its socket goes, not back
    // to the pool; before an answer, the request's own error does the same.
    decoded?.destroy(err);
    res?.destroy(err);
    req.destroy(err);
  };
  const timer = setTimeout(
    () => stop(new NoAnswerInTime(l.service, l.timeoutMs, res ? 'body' : sent ? 'headers' : 'connect')),
    l.timeoutMs,
  );
  timer.unref();
  const onAbort = () => stop(new RequestCancelled(l.service, sent));
  const done = () => {
    clearTimeout(timer);
    l.signal?.removeEventListener('abort', onAbort);
  };
  if (l.signal?.aborted) process.nextTick(onAbort);
  else l.signal?.addEventListener('abort', onAbort, { once: true });
  const count = (n: number): boolean => {
    bytes += n;
    if (bytes <= l.maxBytes) return true;
    stop(new AnswerTooLarge(l.service, l.maxBytes));
    return false;
  };
  req.once('finish', () => (sent = true));
  req.once('close', done);
  req.once('response', (r: http.IncomingMessage) => {
    res = r;
    // Whoever reads the answer listens for its errors too; this keeps one raised by stop() from going unheard.
    r.on('error', () => undefined);
    r.once('end', done);
    r.once('close', done);
    // Counted as the parser hands each piece of the body over, whoever reads it and however.
    const push = r.push.bind(r);
    r.push = (chunk: unknown, encoding?: BufferEncoding) =>
      chunk === null || count((chunk as Buffer).length) ? push(chunk, encoding) : false;
    // A compressed answer (httpx inflates gzip and deflate) is counted as it comes out of the inflater: a
    // few kilobytes may inflate to gigabytes.
    const pipe = r.pipe.bind(r) as (dest: Writable, o?: { end?: boolean }) => Writable;
    r.pipe = (<T extends NodeJS.WritableStream>(dest: T, o?: { end?: boolean }) => {
      decoded = dest as unknown as Writable;
      decoded.on('error', () => undefined);
      decoded.on('data', (c: Buffer) => count(c.length));
      return pipe(decoded, o) as unknown as T;
    }) as typeof r.pipe;
  });
}

export interface FetchLimits extends RequestLimits {
  /** The run's deadline, epoch ms on `now`'s clock: requests are cut to end by its grace (base/deadline.ts). */
  deadline?: () => number | undefined;
  now?: () => number;
}

/**
 * fetch under limits: each call gets one deadline over connect, headers and the whole body (read here, at
 * most maxBytes, then handed over as a complete Response), and ends when the run is cancelled. A timeout or
 * a body over the cap rejects like a failed fetch (TypeError `fetch failed` with the cause): no considered
 * answer came. A cancelled run rejects with RequestCancelled, which no client retries.
 */
export function boundedFetch(inner: typeof fetch, l: FetchLimits): typeof fetch {
  return async (input, init = {}) => {
    if (l.signal?.aborted) throw new RequestCancelled(l.service, false);
    const ms = requestBudget(l.timeoutMs, l.deadline?.(), (l.now ?? Date.now)());
    if (ms === 0) throw new TypeError('fetch failed', { cause: new NoAnswerInTime(l.service, 0, 'connect') });
    const own = new AbortController();
    let stage: Stage = 'headers';
    const timer = setTimeout(() => own.abort(new NoAnswerInTime(l.service, ms, stage)), ms);
    timer.unref();
    const signal = AbortSignal.any([
      own.signal,
      ...(l.signal ? [l.signal] : []),
      ...(init.signal ? [init.signal] : []),
    ]);
    // An undici fetch (Node's own, undici's) gets a connection pool of this call's own, destroyed
    // with every socket in it when the call ends however it ends. Aborting an undici 6 fetch (Node 20's, the
    // npm one) destroys its socket, but the pool then puts the aborted request back in its queue and opens a
    // new connection for it, which it keeps idle for keepAliveTimeout (4 s); Node 24's undici closes that
    // one, undici 8.10 keeps it again (nodejs/undici#5845). Any other fetch (toolkitFetch) ignores it.
    const pool = (init as { dispatcher?: unknown }).dispatcher ? undefined : new Agent();
    try {
      const res = await inner(input, { ...init, signal, ...(pool && { dispatcher: pool }) } as RequestInit);
      stage = 'body';
      const body = res.body && ![204, 205, 304].includes(res.status) ? await readCapped(res.body, l, own) : null;
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (e) {
      if (l.signal?.aborted) throw new RequestCancelled(l.service, true);
      const why = own.signal.aborted ? (own.signal.reason as Error) : undefined;
      if (why) throw new TypeError('fetch failed', { cause: why });
      throw e;
    } finally {
      clearTimeout(timer);
      // The answer has been read whole (or given up on): nothing is left to reuse the connection for.
      pool?.destroy().catch(() => undefined);
    }
  };
}

async function readCapped(
  body: ReadableStream<Uint8Array>,
  l: RequestLimits,
  own: AbortController,
): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > l.maxBytes) {
      // Aborting the request's signal tears the connection down; cancelling the reader alone may not.
      own.abort(new AnswerTooLarge(l.service, l.maxBytes));
      await reader.cancel().catch(() => undefined);
      throw own.signal.reason;
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}
