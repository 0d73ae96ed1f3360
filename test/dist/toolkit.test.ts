// The committed bundle is built on the Actions toolkit: @actions/core in the entry file (every run needs it),
// @actions/github's Octokit only in a lazy chunk (the pull request comment), https-proxy-agent in a chunk.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/action.js';

const dist = join(ROOT, 'dist');
const entry = readFileSync(join(dist, 'index.js'), 'utf8');
const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f)).map((f) => readFileSync(join(dist, f), 'utf8'));
const licenses = readFileSync(join(dist, 'licenses.txt'), 'utf8');

it('bundles @actions/core in the entry file (its file commands and summary)', () => {
  expect(entry).toContain('ghadelimiter_');
  expect(entry).toContain('Check if your runtime environment supports job summaries.');
  expect(entry).toContain('actions/oidc-client');
});

it('bundles @actions/github (Octokit and its REST routes) in a lazy chunk, not in the entry file', () => {
  expect(licenses).toMatch(/^@actions\/github$/m);
  expect(licenses).toMatch(/^@octokit\/core$/m);
  expect(chunks.some((c) => c.includes('issues/{issue_number}/comments'))).toBe(true);
  expect(entry).not.toContain('issues/{issue_number}/comments');
});

it('bundles https-proxy-agent for SAE behind a proxy', () => {
  expect(licenses).toMatch(/^https-proxy-agent$/m);
});
