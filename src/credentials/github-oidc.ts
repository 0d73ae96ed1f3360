// The GitHub OIDC token for keyless login, fetched as the runner documents it: GET
// `ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with `Authorization: Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN`,
// answered with {"value": "<JWT>"}. @actions/core's getIDToken does the same, but brings undici and its
// HTTP client (about 1 MB of bundle and most of a start-up); one fetch with a few retries is enough.

const RETRIES = 3;

export async function getGitHubIdToken(env: NodeJS.ProcessEnv, audience: string, fetcher: typeof fetch, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<string> {
  const base = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!base || !bearer) throw new Error('ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set');
  const url = new URL(base);
  if (audience) url.searchParams.set('audience', audience);
  let last = '';
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (attempt) await sleep(500 * 2 ** attempt);
    let res: Response;
    try {
      res = await fetcher(url, { headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    } catch (e) {
      last = `the token request failed (${(e as Error).message})`;
      continue;
    }
    if (res.status >= 500 || res.status === 429) {
      last = `the token service answered HTTP ${res.status}`;
      continue;
    }
    const body = (await res.json().catch(() => ({}))) as { value?: unknown; message?: unknown };
    if (res.ok && typeof body.value === 'string' && body.value) return body.value;
    throw new Error(`the token service answered HTTP ${res.status}${typeof body.message === 'string' ? `: ${body.message}` : ''}`);
  }
  throw new Error(last);
}
