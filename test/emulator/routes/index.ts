// The route table and the generic parameter checks every SAE API gets.
import { notEmpty, obviously, withMessage } from '../errors.js';
import {
  abortChangeOrder,
  confirmPipelineBatch,
  describeChangeOrder,
  describePipeline,
  listChangeOrders,
  listNamespaceChangeOrders,
} from './change-order-routes.js';
import { describeJob } from './describe-job.js';
import { describeJobStatus, execJob } from './job-run-routes.js';
import { createJob } from './create-job.js';
import { listJobs } from './list-jobs.js';
import type { Route } from './route.js';
import { updateJob } from './update-job.js';

export type { Route, RouteContext } from './route.js';

export const ROUTES: Route[] = [
  updateJob,
  describeChangeOrder,
  listChangeOrders,
  listNamespaceChangeOrders,
  abortChangeOrder,
  confirmPipelineBatch,
  describePipeline,
  describeJob,
  execJob,
  describeJobStatus,
  listJobs,
  createJob,
];

/** The route for this exact (case-sensitive) path, whatever the method; the caller checks the method. */
export const routeForPath = (path: string): Route | undefined => ROUTES.find((r) => r.path === path);

const FORM = 'application/x-www-form-urlencoded';

/**
 * A parameter on the wrong side (query vs form body) or an unknown name is rejected, so a client's split bug
 * shows up at once instead of a setting being silently ignored, as it might be on the real service [U].
 */
export function checkParameters(
  route: Route,
  query: Record<string, string>,
  body: Record<string, string>,
  rawBody: string,
  contentType: string,
): void {
  if (rawBody.length > 0) {
    if (route.body.length === 0) throw withMessage('body', `${route.api} takes no request body`);
    if (!contentType.toLowerCase().startsWith(FORM)) throw withMessage('Content-Type', `the body must be ${FORM}`);
  }
  for (const name of Object.keys(query)) if (!route.query.includes(name)) throw obviously(name);
  for (const name of Object.keys(body)) if (!route.body.includes(name)) throw obviously(name);
  for (const name of route.required) if (!query[name] && !body[name]) throw notEmpty(name);
}
