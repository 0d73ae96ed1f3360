// The words for a call that got no answer from SAE at all (no connection, DNS, a timeout): SAE did not
// answer, so the message says the action could not reach it, names the endpoint and the inputs that
// choose it, and gives the fix that applies to that failure.
import type { Subject } from '../contract/spec-keys.js';
import type { SaeError } from '../sae/errors.js';
import { nearestRegion } from '../inputs/regions.js';

/** httpx glues `<METHOD> <url> failed.` to the system error ("…127.0.0.1:1GET http://…"): keep the system error. */
export function systemError(message: string): string {
  return message
    .replace(/(GET|POST|PUT|DELETE|PATCH|HEAD)\s*https?:\/\/\S*(\s+failed\.?)?/g, '')
    .replace(/\s+$/, '')
    .trim();
}

export interface Unreachable {
  message: string;
  /** Inputs to point the annotation at, most likely first. */
  inputs: Subject[];
}

export function describeUnreachable(
  e: SaeError,
  endpoint: string,
  region: string,
  endpointGiven: boolean,
): Unreachable {
  const what = systemError(e.message) || e.code;
  const at = endpoint || (region ? `https://sae.${region}.aliyuncs.com` : 'its endpoint');
  const choose = endpointGiven ? 'endpoint' : 'region';
  const inputs: Subject[] = endpointGiven ? ['endpoint', 'region'] : ['region', 'endpoint'];
  let fix: string;
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN': {
      const near = !endpointGiven && region ? nearestRegion(region) : undefined;
      fix = endpointGiven
        ? 'The host name of endpoint does not resolve: check its spelling, or leave endpoint empty to use https://sae.<region>.aliyuncs.com.'
        : `The host name does not resolve, so region "${region}" is probably not an SAE region${near ? ` (did you mean ${near}?)` : ''}. Set region to the region of the job template, e.g. region: cn-hangzhou.`;
      break;
    }
    case 'ECONNREFUSED':
      fix = endpointGiven
        ? 'Nothing accepts connections at that address: check the host and port of endpoint (for a local emulator, that it is running).'
        : 'The host refused the connection: check region, and whether a firewall or proxy on the runner blocks it.';
      break;
    case 'RequestTimeout':
    case 'ETIMEDOUT':
      fix = `No answer came within request-timeout: check the runner's network (a proxy or firewall), and ${choose}; then re-run. Raise request-timeout if the network is slow.`;
      break;
    default:
      fix = `The connection failed or broke: check the runner's network (a proxy or firewall) and ${choose}, then re-run.`;
  }
  return { message: `The action could not reach SAE at ${at} (${what}). ${fix}`, inputs };
}
