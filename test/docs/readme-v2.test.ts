// The README says what issue 12 promised users: how to run behind a proxy on a self-hosted runner, that the
// published name is a placeholder and how to pin it, the international console with what is not known, the
// local-action run, and the start-up figure beside its anchor (a minimal @actions/core action).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/action.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = (title: string) => {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `README has no "## ${title}" section`).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 4);
  return readme.slice(start, end < 0 ? undefined : end);
};

describe('README', () => {
  it('has a self-hosted runners section: proxy variables, NO_PROXY, loopback, CA, redirects, Node 24, debug, international console', () => {
    const s = section('Self-hosted runners');
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
    expect(readme).toContain('cp .env.example .env');
    expect(readme).toContain('npm run local');
  });

  it('gives the start-up figure beside its anchor, a minimal @actions/core action, with the 1.6 × target', () => {
    const perf = section('Performance');
    expect(perf).toMatch(
      /\| start-up: spawn → first request \(image only\) \| \d+ ms = \d\.\d\d × minimal @actions\/core action \(\d+ ms, spawn → exit\) \| ≤ 1\.6 × \| ✅ \|/,
    );
  });
});
