// The HTTP server: control API, extra handlers, then SAE (route → version → signature → parameters → faults → API).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { authenticate } from './auth.js';
import { ApiError, gatewayError } from './errors.js';
import { bendEnvelope, earlyReply, errorBody, type Reply } from './faults.js';
import { checkParameters, routeForPath } from './routes/index.js';
import type { World } from './state.js';
import type { ExtraHandler, RecordedRequest } from './types.js';
import { JSON_TYPE, newRequestId, newTraceId, send, sleep, toJsonText } from './util.js';

const API_VERSION = '2019-05-06';
const MAX_BODY = 10 * 1024 * 1024;

export interface ServerDeps {
  world: World;
  handlers: ExtraHandler[];
  quiet: boolean;
  log?: (line: string) => void;
  control(method: string, path: string, rawBody: string): Reply;
}

const isLoopback = (addr: string): boolean => /^(127\.|::1$|::ffff:127\.)/.test(addr);

/** Repeated keys are comma-joined, as pop-core signs arrays. */
function parseQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parseQueryString(text))) out[k] = Array.isArray(v) ? v.join(',') : (v ?? '');
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function createSaeServer(deps: ServerDeps): Server {
  const { world } = deps;

  const finish = (rec: RecordedRequest, status: number, code?: string): void => {
    rec.status = status;
    if (code !== undefined) rec.code = code;
    if (!deps.quiet)
      (deps.log ?? ((l) => process.stdout.write(`${l}\n`)))(
        `${rec.api} ${rec.method} ${rec.path} → ${status === 0 ? 'reset' : status}${code ? ` ${code}` : ''}`,
      );
  };

  const reply = (res: ServerResponse, rec: RecordedRequest, r: Reply): void => {
    rec.response = { body: r.body, contentType: r.contentType };
    finish(rec, r.status, r.code);
    send(res, r.status, r.contentType, r.body, r.headers);
  };

  const replyError = (res: ServerResponse, rec: RecordedRequest, e: ApiError, host: string): void => {
    reply(res, rec, {
      status: e.status,
      contentType: JSON_TYPE,
      body: JSON.stringify(errorBody(e.code, e.message, host, e.gateway)),
      code: e.code,
    });
  };

  const drop = (req: IncomingMessage, rec: RecordedRequest): void => {
    finish(rec, 0);
    req.socket.destroy();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress ?? '')) {
      req.socket.destroy(); // loopback only, even if someone binds a wider address
      return;
    }
    const bodyBuf = await readBody(req);
    const rawBody = bodyBuf.toString('utf8');
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const path = qi < 0 ? url : url.slice(0, qi); // never new URL(): a `//pop/...` path must stay as received
    const method = req.method ?? 'GET';

    if (path.startsWith('/__emulator/')) {
      const r = deps.control(method, path, rawBody);
      send(res, r.status, r.contentType, r.body);
      return;
    }

    const query = parseQuery(qi < 0 ? '' : url.slice(qi + 1));
    const contentType = String(req.headers['content-type'] ?? '');
    const body = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded') ? parseQuery(rawBody) : {};
    const record = (api: string): RecordedRequest => ({
      api,
      method,
      path,
      query,
      body,
      rawBody,
      headers: req.headers,
      status: 0,
      at: world.now(),
    });

    if (deps.handlers.length > 0) {
      const rec = record('external');
      // A handler may answer at once or later: the request is logged once, when both it is claimed and
      // its answer is sent (the 'finish' event can come before or after the handler returns).
      let claimed = false;
      let sent = false;
      let logged = false;
      const settle = () => {
        if (claimed && sent && !logged) {
          logged = true;
          finish(rec, res.statusCode);
        }
      };
      res.once('finish', () => {
        sent = true;
        settle();
      });
      for (const h of deps.handlers) {
        if (await h(req, res, rawBody)) {
          claimed = true;
          world.requests.push(rec);
          if (res.writableFinished) sent = true;
          settle();
          return;
        }
      }
    }

    const route = routeForPath(path);
    const rec = record(route?.api ?? 'unknown');
    world.requests.push(rec);
    const host = String(req.headers.host ?? '127.0.0.1');

    try {
      if (!route || route.method !== method) throw gatewayError('InvalidApi.NotFound');
      const version = req.headers['x-acs-version'];
      if (version !== API_VERSION)
        throw gatewayError('InvalidVersion', `Expected x-acs-version ${API_VERSION}, got ${String(version)}.`);
      authenticate({ method, path, query, headers: req.headers, body: bodyBuf }, world);
      checkParameters(route, query, body, rawBody, contentType);
    } catch (e) {
      if (e instanceof ApiError) return replyError(res, rec, e, host);
      throw e;
    }

    // The account's flow control comes after authentication (it counts per user) and before the API runs.
    if (world.bucket && !world.bucket.take(world.now())) {
      const ms = world.bucket.config.retryAfterMs;
      const e = gatewayError('Throttling.User');
      return reply(res, rec, {
        status: e.status,
        contentType: JSON_TYPE,
        body: JSON.stringify(errorBody(e.code, e.message, host, true)),
        code: e.code,
        headers: ms !== undefined ? { 'x-acs-retry-after': String(ms) } : undefined,
      });
    }

    world.startFollowers(); // an order due to start when another ended has started, whatever is asked
    const fault = world.faults.take(route.api);
    // Someone else's order starts as this request arrives: the call itself then finds the template busy.
    if (fault?.andStart && world.apps.has(query['AppId'] ?? '')) {
      world.addOrder(query['AppId']!, fault.andStart.plan, 'external', fault.andStart.settings);
    }
    if (fault) {
      if ('delayMs' in fault) await sleep(fault.delayMs);
      if ('reset' in fault) return drop(req, rec);
      const early = earlyReply(fault, host);
      if (early) return reply(res, rec, early);
    }

    let envelope: Record<string, unknown>;
    try {
      const data = route.handle({ query, body, world });
      envelope = {
        RequestId: newRequestId(),
        Message: 'success',
        ...(route.traceId === false ? {} : { TraceId: newTraceId() }),
        Data: data,
        Code: '200',
        Success: true,
      };
    } catch (e) {
      if (e instanceof ApiError) return replyError(res, rec, e, host);
      throw e;
    }
    if (fault && 'acceptThenReset' in fault) return drop(req, rec);
    if (fault) bendEnvelope(fault, envelope);
    reply(res, rec, {
      status: 200,
      contentType: JSON_TYPE,
      body: toJsonText(envelope),
      headers: { 'x-acs-request-id': String(envelope['RequestId']) },
    });
  }

  return createServer((req, res) => {
    world.inFlight++;
    handle(req, res)
      .catch((e: unknown) => {
        process.stderr.write(`sae-emulator: ${(e as Error).stack ?? String(e)}\n`);
        send(res, 500, JSON_TYPE, JSON.stringify(errorBody('InternalError', (e as Error).message, '127.0.0.1', false)));
      })
      .finally(() => world.requestDone());
  });
}
