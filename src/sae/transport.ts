// An http(s) Agent that records the status and headers of each response. pop-core returns only bodies,
// but the retry policy needs x-acs-retry-after and a text body needs its HTTP status to be judged.
// Behind a proxy (HTTPS_PROXY …, the toolkit's rules) the agent is a CONNECT tunnel; it records the same.
import type http from 'node:http';
import { proxyAgent } from '../runner/network.js';
import type { ResponseMeta } from './errors.js';

type AddRequest = (req: http.ClientRequest, options: unknown) => void;

export interface CapturingAgent {
  agent: http.Agent;
  /** The meta of the response to the latest request (the client sends one request at a time). */
  last(): ResponseMeta;
  reset(): void;
}

export async function capturingAgent(endpoint: string): Promise<CapturingAgent> {
  let meta: ResponseMeta = {};
  const agent = await proxyAgent(endpoint);
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
