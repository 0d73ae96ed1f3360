// The docs say what issue 12 promised users: how to run behind a proxy on a self-hosted runner
// (docs/self-hosted-runners.md), that the published name is a placeholder and how to pin it (the README), the
// international console with what is not known, the local-action run (docs/try-locally.md), and the start-up
// figure beside its anchor, a minimal @actions/core action (docs/performance.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/action.js';

const page = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const readme = page('README.md');

describe('README and docs', () => {
  it('has a self-hosted runners page: proxy variables, NO_PROXY, loopback, CA, redirects, Node 24, debug, international console', () => {
    const s = page('docs/self-hosted-runners.md');
    for (const text of [
      'HTTPS_PROXY',
      'HTTP_PROXY',
      'NO_PROXY',
      'loopback',
      'NODE_EXTRA_CA_CERTS',
      'never follow a redirect',
      'node24',
      'RUNNER_DEBUG',
      'console-site: international',
      '[U]',
    ]) {
      expect(s, text).toContain(text);
    }
  });

  it('says acme/sae-job-deploy is a placeholder and how to pin a tag or a commit SHA', () => {
    expect(readme).toContain('`acme/sae-job-deploy` stands for the name this action is published under');
    expect(readme).toMatch(/@<40-character sha> # v1\.2\.0/);
  });

  it('shows npm run local with .env.example', () => {
    const local = page('docs/try-locally.md');
    expect(local).toContain('cp .env.example .env');
    expect(local).toContain('npm run local');
    expect(readme).toContain('(docs/try-locally.md)');
  });

  it('gives the start-up figure beside its anchor, a minimal @actions/core action, with the 1.6 × target', () => {
    const perf = page('docs/performance.md');
    expect(perf).toMatch(
      /\| start-up: spawn → first request \(image only\) \| \d+ ms = \d\.\d\d × minimal @actions\/core action \(\d+ ms, spawn → exit\) \| ≤ 1\.6 × \| ✅ \|/,
    );
  });
});
