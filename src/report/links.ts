// Console links. SAE does not document whether this route opens job-template orders too (sae-api.md
// §4.6), so reports present it as the place to look, beside the change order id.
export function changeOrderUrl(changeOrderId: string, region: string): string {
  const q = new URLSearchParams({ changeOrderId });
  if (region) q.set('regionId', region);
  return `https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?${q}`;
}

/** The run that deployed, from the runner's environment. */
export interface RunContext {
  sha: string;
  ref: string;
  runUrl: string;
  repository: string;
  eventName: string;
}

// Read from the environment rather than through @actions/github: its context is these same variables,
// and loading it (with octokit) would cost start-up time and about 1 MB of bundle.
export function runContext(env: NodeJS.ProcessEnv): RunContext {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const runUrl = repository && env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : '';
  return { sha: env.GITHUB_SHA ?? '', ref: env.GITHUB_REF ?? '', runUrl, repository, eventName: env.GITHUB_EVENT_NAME ?? '' };
}
