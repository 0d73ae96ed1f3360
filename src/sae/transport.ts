// An http(s) Agent that records the status and headers of each response. pop-core returns only bodies,
// but the retry policy needs x-acs-retry-after and a text body needs its HTTP status to be judged.
import http from 'node:http';
import https from 'node:https';
import type { ResponseMeta } from './errors.js';

type AddRequest = (req: http.ClientRequest, options: unknown) => void;

export interface CapturingAgent {
  agent: http.Agent;
  /** The meta of the response to the latest request (the client sends one request at a time). */
  last(): ResponseMeta;
  reset(): void;
}

export function capturingAgent(isHttps: boolean): CapturingAgent {
  let meta: ResponseMeta = {};
  const agent = isHttps ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const original = (agent as unknown as { addRequest: AddRequest }).addRequest.bind(agent);
  (agent as unknown as { addRequest: AddRequest }).addRequest = (req, options) => {
    req.once('response', (res: http.IncomingMessage) => {
      meta = { status: res.statusCode, headers: res.headers };
    });
    original(req, options);
  };
  return {
    agent,
    last: () => meta,
    reset: () => {
      meta = {};
    },
  };
}
