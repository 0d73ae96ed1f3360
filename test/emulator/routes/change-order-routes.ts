// DescribeChangeOrder, ListChangeOrders, AbortChangeOrder, ConfirmPipelineBatch, DescribePipeline
// (docs/reference/sae-api.md §4.1).
import { abortOrder, confirmBatch, isFinal, orderState } from '../change-orders.js';
import { describeChangeOrderData, describePipelineData, listEntry, namespaceListEntry } from '../change-order-views.js';
import { obviously, saeError, withMessage } from '../errors.js';
import type { World } from '../state.js';
import type { ChangeOrder } from '../types.js';
import type { Route } from './route.js';

function order(world: World, id: string): ChangeOrder {
  const o = world.changeOrders.get(id);
  if (!o) throw saeError('InvalidChangeOrder.NotFound');
  return o;
}

function pipeline(world: World, id: string): { order: ChangeOrder; batch: number } {
  const found = world.findPipeline(id);
  // [U] SAE's code for an unknown pipeline; InvalidParameter.WithMessage is the closest documented one.
  if (!found) throw withMessage('PipelineId', 'the pipeline does not exist');
  return found;
}

function positiveInt(query: Record<string, string>, name: string, fallback: number): number {
  const v = query[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw obviously(name);
  return Number(v);
}

function bool(query: Record<string, string>, name: string): boolean {
  const v = query[name];
  if (v !== 'true' && v !== 'false') throw obviously(name);
  return v === 'true';
}

export const describeChangeOrder: Route = {
  api: 'DescribeChangeOrder',
  method: 'GET',
  path: '/pop/v1/sam/changeorder/DescribeChangeOrder',
  query: ['ChangeOrderId'],
  body: [],
  required: ['ChangeOrderId'],
  handle({ query, world }) {
    const o = order(world, query['ChangeOrderId']!);
    return describeChangeOrderData(o, world.apps.get(o.appId), world.now());
  },
};

export const listChangeOrders: Route = {
  api: 'ListChangeOrders',
  method: 'GET',
  path: '/pop/v1/sam/changeorder/ListChangeOrders',
  query: ['AppId', 'CoStatus', 'CoType', 'CurrentPage', 'PageSize', 'Key', 'OrderBy', 'Reverse'],
  body: [],
  required: ['AppId'],
  handle({ query, world }) {
    const appId = query['AppId']!;
    if (!world.apps.has(appId)) throw saeError('InvalidApplication.NotFound');
    const page = positiveInt(query, 'CurrentPage', 1);
    const size = positiveInt(query, 'PageSize', 10);
    const coStatus = query['CoStatus'];
    if (coStatus && !/^\d+$/.test(coStatus)) throw obviously('CoStatus');
    const now = world.now();
    const all = [...world.changeOrders.values()]
      .filter((o) => o.appId === appId)
      .filter((o) => !coStatus || orderState(o, now).status === Number(coStatus))
      .filter((o) => !query['Key'] || o.description.includes(query['Key']))
      .reverse(); // insertion order is creation order: newest first
    if (query['Reverse'] === 'true') all.reverse();
    return {
      CurrentPage: page,
      PageSize: size,
      TotalSize: all.length,
      ChangeOrderList: all.slice((page - 1) * size, page * size).map((o) => listEntry(o, now)),
    };
  },
};

export const listNamespaceChangeOrders: Route = {
  api: 'ListNamespaceChangeOrders',
  method: 'GET',
  path: '/pop/v1/sam/changeorder/listNamespaceChangeOrders',
  query: ['NamespaceId', 'CoStatus', 'CoType', 'CurrentPage', 'PageSize', 'Key'],
  body: [],
  required: ['NamespaceId'],
  handle({ query, world }) {
    const namespaceId = query['NamespaceId']!;
    const page = positiveInt(query, 'CurrentPage', 1);
    const size = positiveInt(query, 'PageSize', 10);
    // [U] SAE's largest page; the action asks for 100.
    if (size > 100) throw obviously('PageSize');
    const coStatus = query['CoStatus'];
    if (coStatus && !/^\d+$/.test(coStatus)) throw obviously('CoStatus');
    const now = world.now();
    const all = [...world.changeOrders.values()]
      .filter((o) => world.apps.get(o.appId)?.namespaceId === namespaceId)
      .filter(() => world.namespaceListsJobs)
      .filter((o) => !coStatus || orderState(o, now).status === Number(coStatus))
      .filter((o) => !query['Key'] || o.description.includes(query['Key']))
      .reverse(); // newest first [U]
    return {
      CurrentPage: page,
      PageSize: size,
      TotalSize: all.length,
      ChangeOrderList: all.slice((page - 1) * size, page * size).map((o) => namespaceListEntry(o, namespaceId, now)),
    };
  },
};

export const abortChangeOrder: Route = {
  api: 'AbortChangeOrder',
  method: 'PUT',
  path: '/pop/v1/sam/changeorder/AbortChangeOrder',
  query: ['ChangeOrderId', 'Rollback'],
  body: [],
  required: ['ChangeOrderId'],
  handle({ query, world }) {
    const o = order(world, query['ChangeOrderId']!);
    if (query['Rollback'] !== undefined) bool(query, 'Rollback');
    // [U] SAE's code for aborting a finished order.
    if (isFinal(o, world.now())) throw withMessage('ChangeOrderId', 'the change order has already finished');
    abortOrder(o, world.now());
    return { ChangeOrderId: o.changeOrderId };
  },
};

export const confirmPipelineBatch: Route = {
  api: 'ConfirmPipelineBatch',
  method: 'GET',
  path: '/pop/v1/sam/changeorder/ConfirmPipelineBatch',
  query: ['PipelineId', 'Confirm'],
  body: [],
  required: ['PipelineId', 'Confirm'],
  handle({ query, world }) {
    const confirm = bool(query, 'Confirm');
    const { order: o, batch } = pipeline(world, query['PipelineId']!);
    const state = orderState(o, world.now());
    if (state.status !== 8 || state.batch !== batch)
      throw withMessage('PipelineId', 'the pipeline is not waiting for a batch confirmation');
    confirmBatch(o, confirm, world.now());
    return { PipelineId: query['PipelineId'] };
  },
};

export const describePipeline: Route = {
  api: 'DescribePipeline',
  method: 'GET',
  path: '/pop/v1/sam/changeorder/DescribePipeline',
  query: ['PipelineId'],
  body: [],
  required: ['PipelineId'],
  handle({ query, world }) {
    const { order: o, batch } = pipeline(world, query['PipelineId']!);
    return describePipelineData(o, batch, world.now());
  },
};
