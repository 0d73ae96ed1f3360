import type { World } from '../state.js';

export interface RouteContext {
  query: Record<string, string>;
  body: Record<string, string>;
  world: World;
}

/** One SAE API: exact method and path, which parameters go where, and what it does (returns Data or throws ApiError). */
export interface Route {
  api: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query: readonly string[];
  body: readonly string[];
  required: readonly string[];
  /** false when the API's response model has no TraceId (ListJobsResponseBody: test/fixtures/sae-models.json). */
  traceId?: false;
  handle(ctx: RouteContext): unknown;
}
