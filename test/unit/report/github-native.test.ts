// What GitHub users expect of an action, in-process: the run attempt in links and session names, the
// international console, redirects of the GitHub API kept to its own origin.
import { describe, expect, it } from 'vitest';
import { defaultSessionName } from '../../../src/credentials/sts.js';
import { readSettings } from '../../../src/inputs/settings.js';
import { changeOrderUrl, runContext } from '../../../src/report/links.js';
import { sameOriginFetch } from '../../../src/report/pr-comment.js';

describe('the run attempt', () => {
  const env = { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '4242', GITHUB_SERVER_URL: 'https://github.example' };
  it('is in the run link (the bare run link shows the latest attempt, not this one)', () => {
    expect(runContext({ ...env, GITHUB_RUN_ATTEMPT: '2' }).runUrl).toBe(
      'https://github.example/acme/jobs/actions/runs/4242/attempts/2',
    );
    expect(runContext(env).runUrl).toBe('https://github.example/acme/jobs/actions/runs/4242');
    expect(runContext({ ...env, GITHUB_RUN_ATTEMPT: '2/../x' }).runUrl).toBe(
      'https://github.example/acme/jobs/actions/runs/4242',
    );
  });

  it('is in the keyless session name, kept when a long repository name is cut to 64 characters', () => {
    expect(defaultSessionName({ ...env, GITHUB_RUN_ATTEMPT: '3' })).toBe('gha-acme-jobs-4242-3');
    const long = defaultSessionName({ ...env, GITHUB_REPOSITORY: `acme/${'x'.repeat(80)}`, GITHUB_RUN_ATTEMPT: '3' });
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long.endsWith('-4242-3')).toBe(true);
    expect(defaultSessionName(env)).toBe('gha-acme-jobs-4242');
  });
});

describe('console-site', () => {
  it('links to the China console by default and to the international one when asked', () => {
    expect(changeOrderUrl('co-1', 'cn-hangzhou')).toBe(
      'https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=co-1&regionId=cn-hangzhou',
    );
    expect(changeOrderUrl('co-1', 'ap-southeast-1', 'international')).toBe(
      'https://sae.console.alibabacloud.com/#/AppList/ChangeOrderDetail?changeOrderId=co-1&regionId=ap-southeast-1',
    );
  });

  it('is read from the input and refused before the network when it is neither', () => {
    const read = (v: string) =>
      readSettings((n) => (n === 'console-site' ? v : n === 'region' ? 'cn-hangzhou' : ''), {});
    expect(read('').settings.consoleSite).toBe('china');
    expect(read('international').settings.consoleSite).toBe('international');
    const bad = read('global').problems.filter((p) => p.input === 'console-site');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toContain('console-site');
  });
});

describe('GitHub API redirects', () => {
  const server = (routes: Record<string, () => Response>) => {
    const seen: string[] = [];
    const f = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      seen.push(`${init?.method ?? 'GET'} ${url} ${init?.redirect}`);
      return (routes[url] ?? (() => new Response('{}', { status: 404 })))();
    }) as typeof fetch;
    return { f, seen };
  };

  it('follows a redirect within the API origin (a renamed repository), with the same method', async () => {
    const s = server({
      'https://api.github.com/repos/acme/old/issues/7/comments': () =>
        new Response(null, { status: 301, headers: { location: '/repositories/99/issues/7/comments' } }),
      'https://api.github.com/repositories/99/issues/7/comments': () => new Response('[]', { status: 200 }),
    });
    const res = await sameOriginFetch(s.f)('https://api.github.com/repos/acme/old/issues/7/comments', {
      method: 'GET',
    });
    expect(res.status).toBe(200);
    expect(s.seen).toEqual([
      'GET https://api.github.com/repos/acme/old/issues/7/comments manual',
      'GET https://api.github.com/repositories/99/issues/7/comments manual',
    ]);
  });

  it('does not follow one to another origin, or to plain http on the same host', async () => {
    for (const location of ['https://evil.example/x', 'http://api.github.com/x']) {
      const s = server({
        'https://api.github.com/a': () => new Response(null, { status: 307, headers: { location } }),
      });
      await expect(sameOriginFetch(s.f)('https://api.github.com/a', { method: 'POST', body: '{}' })).rejects.toThrow(
        'which the action does not follow',
      );
      expect(s.seen).toHaveLength(1);
    }
  });

  it('stops a redirect loop', async () => {
    const s = server({
      'https://api.github.com/a': () => new Response(null, { status: 302, headers: { location: '/a' } }),
    });
    await expect(sameOriginFetch(s.f)('https://api.github.com/a')).rejects.toThrow('HTTP 302');
    expect(s.seen.length).toBeLessThanOrEqual(6);
  });
});
