// An http(s) Agent that records the status and headers of each response. pop-core returns only bodies,
// but the retry policy needs x-acs-retry-after and a text body needs its HTTP status to be judged.
// Behind a proxy (HTTPS_PROXY …, the toolkit's rules) the agent is a CONNECT tunnel; it records the same.
// Each call goes through an agent of its own (bounded()) that holds its request to its limits: one deadline
// over connect, headers and body, a cap on the answer, the run's cancellation (runner/bounded.ts).
import type http from 'node:http';
import { guardRequest, type RequestLimits } from '../runner/bounded.js';
import { proxyAgent } from '../runner/network.js';
import type { ResponseMeta } from './errors.js';

type AddRequest = (req: http.ClientRequest, options: unknown) => void;

export interface CapturingAgent {
  agent: http.Agent;
  /** The meta of the response to the latest request (the client sends one request at a time). */
  last(): ResponseMeta;
  reset(): void;
  /** The agent for one request: the shared one (its sockets, its proxy), with that request bound to `limits`. */
  bounded(limits: RequestLimits): http.Agent;
}

export async function capturingAgent(endpoint: string): Promise<CapturingAgent> {
  let meta: ResponseMeta = {};
  const agent = await proxyAgent(endpoint);
  const original = (agent as unknown as { addRequest: AddRequest }).addRequest.bind(agent);
  const capture: AddRequest = (req, options) => {
    req.once('response', (res: http.IncomingMessage) => {
      meta = { status: res.statusCode, headers: res.headers };
    });
    original(req, options);
  };
  (agent as unknown as { addRequest: AddRequest }).addRequest = capture;
  return {
    agent,
    last: () => meta,
    reset: () => {
      meta = {};
    },
    bounded(limits) {
      // Everything but addRequest is the shared agent's, through the prototype (pool, proxy, TLS options).
      const one = Object.create(agent) as http.Agent & { addRequest: AddRequest };
      one.addRequest = (req, options) => {
        guardRequest(req, limits);
        capture(req, options);
      };
      return one;
    },
  };
}
