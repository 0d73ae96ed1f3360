// Builds the UpdateJob request from the read parameters: the query/body split exactly as the official
// SDK makes it, every value as text, left-out parameters absent (unchanged), cleared ones as "".
import type { Parameter } from '../contract/parameters.js';
import type { ParameterValue } from '../inputs/read.js';

export interface UpdateJobRequest {
  /** Query parameters (39 of the 47 may go here). */
  readonly query: Readonly<Record<string, string>>;
  /** Form body parameters (the SDK's 8). */
  readonly body: Readonly<Record<string, string>>;
  /** Wire names whose values are secrets. */
  readonly secrets: readonly string[];
}

export function buildRequest(values: Iterable<ParameterValue>, cleared: Iterable<Parameter> = []): UpdateJobRequest {
  const query: Record<string, string> = {};
  const body: Record<string, string> = {};
  const secrets: string[] = [];
  const put = (param: Parameter, wire: string) => {
    (param.position === 'body' ? body : query)[param.wire] = wire;
    if (param.secret) secrets.push(param.wire);
  };
  for (const v of values) put(v.param, v.wire);
  for (const p of cleared) put(p, '');
  return { query, body, secrets };
}

/** application/x-www-form-urlencoded, encoded as the official SDK encodes forms. */
export function formBody(body: Readonly<Record<string, string>>): string {
  return Object.entries(body)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** The request with secret values replaced by ***, its query and body apart (for the dry-run log). */
export function redacted(request: UpdateJobRequest): { query: Record<string, string>; body: Record<string, string> } {
  const hide = (part: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(part).map(([k, v]) => [k, request.secrets.includes(k) && v ? '***' : v]));
  return { query: hide(request.query), body: hide(request.body) };
}

/** All parameters by wire name (AppId first, then by name), secrets as ***: for outputs and the summary. */
export function redactedParameters(request: UpdateJobRequest): Record<string, string> {
  const { query, body } = redacted(request);
  return Object.fromEntries(
    Object.entries({ ...query, ...body }).sort(([a], [b]) =>
      a === 'AppId' ? -1 : b === 'AppId' ? 1 : a.localeCompare(b),
    ),
  );
}

/** The request for the template of this id (found by its name once there are credentials), AppId first. */
export function withAppId(request: UpdateJobRequest, appId: string): UpdateJobRequest {
  const { AppId: _, ...rest } = request.query;
  return { ...request, query: { AppId: appId, ...rest } };
}

/** The request with one parameter's wire value replaced (the Envs of a merge). */
export function withValue(request: UpdateJobRequest, param: Parameter, wire: string): UpdateJobRequest {
  const part = param.position === 'body' ? 'body' : 'query';
  return { ...request, [part]: { ...request[part], [param.wire]: wire } };
}
