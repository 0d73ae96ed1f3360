import { saeError } from '../errors.js';
import { UPDATE_JOB_BODY, UPDATE_JOB_QUERY } from '../params.js';
import { validateUpdateJob } from '../validation.js';
import type { Route } from './route.js';

export const updateJob: Route = {
  api: 'UpdateJob',
  method: 'POST',
  path: '/pop/v1/sam/job/updateJob',
  query: UPDATE_JOB_QUERY,
  body: UPDATE_JOB_BODY,
  required: ['AppId'],
  handle({ query, body, world }) {
    const appId = query['AppId']!;
    const app = world.apps.get(appId);
    if (!app) throw saeError('InvalidApplication.NotFound');
    const params = { ...query, ...body };
    validateUpdateJob(app, params, world.env); // against the settings as they will be after the update
    // Invalid input is reported before the busy check: a permanent error is worth more to the caller [U].
    if (world.runningOrder(appId)) throw saeError('Application.ChangerOrderRunning');
    // The template takes the new settings when the order succeeds (World.settle); ignored ones never.
    const patch = Object.fromEntries(
      Object.entries(params).filter(([k]) => k !== 'AppId' && !world.ignoredParameters.includes(k)),
    );
    const order = world.addOrder(appId, world.planQueue.shift() ?? world.orderPlan, 'UpdateJob', patch);
    if (world.pendingAfter) order.thenStart = world.pendingAfter;
    world.pendingAfter = undefined;
    return { ChangeOrderId: order.changeOrderId, AppId: appId };
  },
};
