import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowLocator, workflowPath } from '../../../src/report/locate.js';

const WORKFLOW = `name: deploy
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Deploy report job
        id: report
        uses: acme/sae-job-deploy@v1
        with:
          app-id: app-report
          sls-configs: |
            - logDir: /tmp/a.log
      - name: Deploy billing job
        uses: acme/sae-job-deploy@v1
        with:
          app-id: app-billing
          termination-grace-period-seconds: 400
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ws-'));
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/workflows/deploy.yml'), WORKFLOW);
  return dir;
}

const env = (ws: string, extra: Record<string, string> = {}) => ({
  GITHUB_WORKSPACE: ws,
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/deploy.yml@refs/tags/v1.0.0',
  GITHUB_JOB: 'deploy',
  ...extra,
});

describe('annotations on the workflow line', () => {
  it('reads the workflow path from GITHUB_WORKFLOW_REF', () => {
    expect(workflowPath('acme/app/.github/workflows/deploy.yml@refs/heads/main', 'acme/app')).toBe(
      '.github/workflows/deploy.yml',
    );
    expect(workflowPath('other/lib/.github/workflows/reuse.yml@v1', 'acme/app')).toBeUndefined();
  });

  it('finds the step by its id (GITHUB_ACTION) and the line of an input', async () => {
    const l = await workflowLocator(env(workspace(), { GITHUB_ACTION: 'report' }), 'app-report');
    expect(l.locate('sls-configs')).toEqual({ file: '.github/workflows/deploy.yml', line: 17 });
    expect(l.locate('nas-id')).toBeUndefined();
  });

  it('finds a step without an id by its app-id', async () => {
    const l = await workflowLocator(env(workspace(), { GITHUB_ACTION: '__acme_sae-job-deploy_2' }), 'app-billing');
    expect(l.locate('termination-grace-period-seconds')).toEqual({ file: '.github/workflows/deploy.yml', line: 23 });
  });

  it('falls back quietly when the file or job is missing', async () => {
    expect((await workflowLocator(env('/nonexistent'), 'x')).locate('app-id')).toBeUndefined();
    expect((await workflowLocator(env(workspace(), { GITHUB_JOB: 'nope' }), 'x')).locate('app-id')).toBeUndefined();
    expect((await workflowLocator({}, 'x')).locate('app-id')).toBeUndefined();
  });

  // Shaped like real release workflows: comments, anchors and aliases, quoted and block scalars, a
  // matrix, several jobs and several steps of this action, and a run step whose text holds `envs: `.
  const REAL = `# Release: deploy every job template
name: "release"
on:
  push:
    tags: ['v*']
env: &common
  ALIBABA_CLOUD_REGION_ID: cn-hangzhou
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "envs: (set below)"
      - run: |
          echo "app-id: not this one"
          docker build -t x .
  deploy:
    needs: build
    runs-on: ubuntu-latest
    strategy:
      matrix:
        app: [report, billing]   # one template per job
    env: *common
    steps:
      - run: echo "envs: (set below)"
      - name: 'Plan: "quoted" name'
        run: >-
          echo "command-args: folded"
      - name: Deploy
        uses: acme/sae-job-deploy@v2
        with:
          app-id: \${{ matrix.app }}   # from the matrix
          # envs below keep their text
          envs: |
            VERSION: 1.10
            ZIP: "007"
          command-args: '["a", "b"]'
          trigger-config: >
            {"type":"time","config":"0 1 * * ?"}
      - name: Smoke
        uses: acme/other-action@v1
        with:
          app-id: \${{ matrix.app }}
  canary:
    runs-on: ubuntu-latest
    steps:
      - id: first
        uses: acme/sae-job-deploy@v2
        with: { app-id: app-a, envs: "A=1" }
      - id: second
        uses: acme/sae-job-deploy@v2
        with:
          "app-id": app-b
          'replicas': "3"
`;

  function realWorkspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/deploy.yml'), REAL);
    return dir;
  }
  const lineOf = (needle: string) => REAL.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('finds a matrix step of this action in a real-world workflow (quoted and block scalars, anchors, comments)', async () => {
    const l = await workflowLocator(
      env(realWorkspace(), { GITHUB_ACTION: '__acme_sae-job-deploy', GITHUB_ACTION_REPOSITORY: 'acme/sae-job-deploy' }),
      'report',
    );
    expect(l.locate('envs')).toEqual({ file: '.github/workflows/deploy.yml', line: lineOf('envs: |') });
    expect(l.locate('app-id')?.line).toBe(lineOf('app-id: ${{ matrix.app }}   #'));
    expect(l.locate('command-args')?.line).toBe(lineOf(`command-args: '["a"`));
    expect(l.locate('trigger-config')?.line).toBe(lineOf('trigger-config: >'));
  });

  it('tells several steps of this action in one job apart by id and by app-id, flow and quoted keys included', async () => {
    const ws = realWorkspace();
    const byId = await workflowLocator(env(ws, { GITHUB_JOB: 'canary', GITHUB_ACTION: 'second' }), 'app-b');
    expect(byId.locate('replicas')?.line).toBe(lineOf(`'replicas'`));
    const byAppId = await workflowLocator(
      env(ws, { GITHUB_JOB: 'canary', GITHUB_ACTION: '__acme_sae-job-deploy' }),
      'app-a',
    );
    expect(byAppId.locate('envs')?.line).toBe(lineOf('with: { app-id: app-a'));
    expect(byAppId.locate('replicas')).toBeUndefined();
  });
});
