import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workflowLocator, workflowPath } from '../../src/report/locate.js';

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
  GITHUB_WORKSPACE: ws, GITHUB_REPOSITORY: 'acme/app', GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/deploy.yml@refs/tags/v1.0.0', GITHUB_JOB: 'deploy', ...extra,
});

describe('annotations on the workflow line', () => {
  it('reads the workflow path from GITHUB_WORKFLOW_REF', () => {
    expect(workflowPath('acme/app/.github/workflows/deploy.yml@refs/heads/main', 'acme/app')).toBe('.github/workflows/deploy.yml');
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
});
