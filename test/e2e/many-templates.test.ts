// Several templates in one step (issue 23): spec naming several files deploys each template side by side, on one
// API budget, each read, planned, sent, followed, proven and reported as a single deploy is; a template's failure
// does not stop the others (unless fail-fast); every log line and annotation names its template; the outputs are
// `results` and the step's `status`. In-process against the emulator on a virtual clock, and through the bundle.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubOidc } from '../emulator/github.js';
import { stsEmulator } from '../emulator/sts.js';
import { emulatorInputs, useEmulator, type ActionRun } from '../helpers/action.js';

const FAST = [{ status: 0, forMs: 200 }, { status: 1, forMs: 3000 }, { status: 2 }];
const id = (i: number) => `5e1a0000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const h = useEmulator({
  plan: FAST,
  apps: [1, 2, 3, 4].map((i) => ({
    appId: id(i),
    appName: `job-${i}`,
    namespaceId: i === 4 ? 'cn-shanghai:prod' : 'cn-hangzhou:prod',
    packageType: 'Image' as const,
  })),
});

let workspace: string;
beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'sae-many-'));
  mkdirSync(join(workspace, '.sae'));
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** Writes the spec files (name → text) afresh: only these exist under .sae. */
function specs(files: Record<string, string>): void {
  rmSync(join(workspace, '.sae'), { recursive: true, force: true });
  mkdirSync(join(workspace, '.sae'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, '.sae', name), text);
}

const FOUR = {
  'job-1.yaml': `app-id: ${id(1)}\nenvs:\n  ROLE: one\n`,
  'job-2.yaml': `app-id: ${id(2)}\nenvs:\n  ROLE: two\n`,
  'job-3.yaml': `app-id: ${id(3)}\n`,
  // Another region (its namespace too): the same step deploys it.
  'job-4.yaml': `app-id: ${id(4)}\nregion: cn-shanghai\n`,
};
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/acme/jobs:7';
const inputs = (extra: Record<string, string> = {}) =>
  emulatorInputs(h.sae.url, { spec: '.sae/*.yaml', 'image-url': IMAGE, ...extra });
const env = () => ({ GITHUB_WORKSPACE: workspace });

interface Result {
  spec: string;
  'app-id': string;
  region: string;
  status: string;
  'change-order-id': string;
  'error-code': string;
  changed: string[] | null;
}
const results = (run: ActionRun) => JSON.parse(run.outputs.results ?? '[]') as Result[];
const bySpec = (run: ActionRun) => Object.fromEntries(results(run).map((r) => [r.spec, r]));
const ownOrders = (app: string) =>
  [...h.sae.changeOrders.values()].filter((o) => o.appId === app && o.source === 'UpdateJob');

describe('several templates in one step', () => {
  it('deploys each, proven, with results per template; a template that fails fails the step after the others ended', async () => {
    // job-3 names a template SAE does not have: its DescribeJob answer stops it (nothing sent), the others go on.
    specs({ ...FOUR, 'job-3.yaml': `app-id: ${id(99)}\n` });
    const run = await h.run({ inputs: inputs(), env: env() });
    const r = bySpec(run);
    expect(Object.keys(r).sort()).toEqual(['.sae/job-1.yaml', '.sae/job-2.yaml', '.sae/job-3.yaml', '.sae/job-4.yaml']);
    for (const ok of ['.sae/job-1.yaml', '.sae/job-2.yaml', '.sae/job-4.yaml']) {
      expect(r[ok]!.status, ok).toBe('succeeded');
      expect(ownOrders(r[ok]!['app-id']).map((o) => o.changeOrderId)).toEqual([r[ok]!['change-order-id']]);
      expect(h.sae.template(r[ok]!['app-id']).ImageUrl).toBe(IMAGE);
    }
    expect(r['.sae/job-4.yaml']!.region).toBe('cn-shanghai');
    expect(r['.sae/job-1.yaml']!.changed).toContain('Envs');
    expect(r['.sae/job-3.yaml']).toMatchObject({ status: 'failed', 'error-code': 'InvalidApplication.NotFound' });
    expect(h.sae.calls('UpdateJob').filter((c) => c.query.AppId === id(99))).toEqual([]);
    // The step: failed, exit 1, its single-template outputs empty.
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.outputs['change-order-id']).toBe('');
    expect(run.outputs['app-id']).toBe('');
    // Every annotation and every log line of a template names it.
    for (const a of run.annotations) expect(a.title ?? '', a.message).toMatch(/^job-[1-4]: |^Input\.Invalid/);
    expect(run.annotations.find((a) => a.title === 'job-3: InvalidApplication.NotFound')).toBeDefined();
    expect(run.stdout).toMatch(/^\[job-2\] Verified: the template holds every value sent/m);
    // The summary: one row per template, then each template's own.
    for (const n of ['job-1', 'job-2', 'job-3', 'job-4']) expect(run.summary).toContain(`### ${n}`);
    expect(run.summary).toMatch(/^## ❌ SAE job templates: 1 of 4 failed/m);
  });

  it('follows the orders of one namespace with one ListNamespaceChangeOrders per look; each end is confirmed', async () => {
    specs(FOUR);
    const run = await h.run({ inputs: inputs(), env: env() });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.code).toBe(0);
    // Two namespaces: two watches. Each order's end confirmed with one DescribeChangeOrder, no per-order polls; the
    // orders before the UpdateJobs listed once per namespace, not once per template.
    const lists = h.sae.calls('ListNamespaceChangeOrders');
    expect(new Set(lists.map((c) => c.query.NamespaceId))).toEqual(new Set(['cn-hangzhou:prod', 'cn-shanghai:prod']));
    expect(h.sae.calls('DescribeChangeOrder')).toHaveLength(4);
    expect(h.sae.calls('ListChangeOrders')).toEqual([]);
    expect(run.summary).toMatch(/^## ✅ 4 SAE job templates deployed/m);
  });

  it("when the namespace's list does not show job orders [U], each order is polled by itself", async () => {
    specs(FOUR);
    h.sae.namespaceListsJobs(false);
    h.sae.setOrderPlan([{ status: 1, forMs: 30_000 }, { status: 2 }]);
    const run = await h.run({ inputs: inputs(), env: env() });
    expect(run.outputs.status).toBe('succeeded');
    expect(results(run).every((r) => r.status === 'succeeded')).toBe(true);
    // Per namespace, the list of orders before the first UpdateJob, and one look that showed nothing of the step's:
    // from then on each order on the lone schedule.
    expect(h.sae.calls('ListNamespaceChangeOrders').length).toBeLessThanOrEqual(4);
    for (const r of results(run))
      expect(
        h.sae.calls('DescribeChangeOrder').filter((c) => c.query.ChangeOrderId === r['change-order-id']).length,
      ).toBeGreaterThan(3);
  });

  it('fail-fast: after the first failure no other deploy starts; without it, every template is deployed', async () => {
    // job-3's input is wrong: it fails before anything is sent, before the others reach UpdateJob.
    specs({ ...FOUR, 'job-3.yaml': `app-id: ${id(3)}\nreplicas: many\n` });
    const fast = await h.run({ inputs: inputs({ 'fail-fast': 'true' }), env: env() });
    const r = bySpec(fast);
    expect(r['.sae/job-3.yaml']!.status).toBe('failed');
    for (const other of ['.sae/job-1.yaml', '.sae/job-2.yaml', '.sae/job-4.yaml'])
      expect(r[other]).toMatchObject({ status: 'cancelled', 'error-code': 'FailFast.NotStarted' });
    expect(h.sae.calls('UpdateJob')).toEqual([]);
    h.sae.reset();
    const all = await h.run({ inputs: inputs(), env: env() });
    expect(bySpec(all)['.sae/job-1.yaml']!.status).toBe('succeeded');
    expect(h.sae.calls('UpdateJob')).toHaveLength(3);
  });

  it("a lost UpdateJob answer: the step's one list of the namespace's orders tells the new order apart; never two", async () => {
    specs(FOUR);
    h.sae.script({ api: 'UpdateJob', acceptThenReset: true });
    const run = await h.run({ inputs: inputs({ 'request-timeout': '2' }), env: env() });
    expect(run.outputs.status).toBe('succeeded');
    for (const r of results(run))
      expect(ownOrders(r['app-id']).map((o) => o.changeOrderId)).toEqual([r['change-order-id']]);
    expect(run.stdout).toMatch(/UpdateJob's answer was lost, but SAE created change order [0-9a-f-]+: following it/);
  });

  it('two spec files for one template: only the first deploys it, the other says why', async () => {
    specs({ 'job-1.yaml': `app-id: ${id(1)}\n`, 'job-1-again.yaml': `app-id: ${id(1)}\nreplicas: 2\n` });
    const run = await h.run({ inputs: inputs(), env: env() });
    const r = results(run);
    expect(r.map((x) => x.status).sort()).toEqual(['failed', 'succeeded']);
    expect(r.find((x) => x.status === 'failed')!['error-code']).toBe('Spec.SameTemplate');
    expect(ownOrders(id(1))).toHaveLength(1);
  });

  it('app-id or app-name on the step names one template for all: refused before any request', async () => {
    specs(FOUR);
    const run = await h.run({ inputs: inputs({ 'app-id': id(1) }), env: env() });
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Input.Invalid');
    expect(run.annotations.find((a) => a.level === 'error')!.message).toMatch(/app-id on the step would name one/);
    expect(h.sae.requests).toEqual([]);
  });

  it('one login for every template: keyless login fetches one OIDC token and calls STS once', async () => {
    specs(FOUR);
    const github = githubOidc({ repository: 'acme/jobs', ref: 'refs/tags/v1', now: () => h.clock.now() });
    const sts = stsEmulator({
      issuer: github,
      register: (c) => h.sae.addCredential(c),
      subjects: ['repo:acme/jobs:ref:refs/tags/*'],
      now: () => h.clock.now(),
    });
    h.sae.handlers.push(github.handler, sts.handler);
    try {
      const run = await h.run({
        inputs: {
          endpoint: h.sae.url,
          region: 'cn-hangzhou',
          spec: '.sae/*.yaml',
          'image-url': IMAGE,
          'role-to-assume': sts.roleArn,
          'oidc-provider-arn': sts.providerArn,
          'sts-endpoint': h.sae.url,
        },
        env: { ...env(), ...github.env(h.sae.url) },
      });
      expect(run.outputs.status).toBe('succeeded');
      expect(github.issued).toHaveLength(1);
      expect(sts.calls).toHaveLength(1);
    } finally {
      h.sae.handlers.length = 0;
    }
  });

  it('a cancel stops every template, truthfully', async () => {
    specs(FOUR);
    h.sae.setOrderPlan([{ status: 1, forMs: 600_000 }, { status: 2 }]);
    const cancel = new AbortController();
    const run = await h.run({
      inputs: inputs(),
      env: env(),
      signal: cancel.signal,
      onLog: (l) => {
        if (/\[job-4\] ▸ Waiting for change order/.test(l)) setImmediate(() => cancel.abort());
      },
    });
    expect(run.outputs.status).toBe('cancelled');
    expect(run.code).toBe(1);
    for (const r of results(run)) expect(r.status).toBe('cancelled');
  });
});

describe('several templates through the bundle', () => {
  it('deploys them side by side and writes results, status and one summary', async () => {
    specs(FOUR);
    const run = await h.bundle({ inputs: inputs(), env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(results(run).map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(run.summary).toMatch(/^## ✅ 4 SAE job templates deployed/m);
    expect(run.stderr).toBe('');
  });
});
