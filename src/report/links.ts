// Console links. SAE does not document whether this route opens job-template orders too (docs/reference/sae-api.md
// §4.6), so reports present it as the place to look, beside the change order id.
//
// Accounts on the international site (alibabacloud.com) sign in to their own console host. Known: the SAE
// console there is sae.console.alibabacloud.com. Not known [U]: whether its ChangeOrderDetail route and
// query are the same as the China site's (assumed, as both consoles are one application); the id beside
// the link stays the thing to search for.
import { describeStatus } from '../changeorder/status.js';
import type { OptionOf } from '../contract/action-inputs.js';
import type { ChangeOrderListItem } from '../sae/client.js';

export type ConsoleSite = OptionOf<'console-site'>;
const CONSOLE_HOST: Record<ConsoleSite, string> = {
  china: 'sae.console.aliyun.com',
  international: 'sae.console.alibabacloud.com',
};

export function changeOrderUrl(changeOrderId: string, region: string, site: ConsoleSite = 'china'): string {
  const q = new URLSearchParams({ changeOrderId });
  if (region) q.set('regionId', region);
  return `https://${CONSOLE_HOST[site]}/#/AppList/ChangeOrderDetail?${q}`;
}

/** The run that deployed, from the runner's environment. */
export interface RunContext {
  sha: string;
  ref: string;
  runUrl: string;
  repository: string;
  eventName: string;
}

// Read from the environment rather than through @actions/github's context (these same variables): that
// module loads Octokit and parses the event file at import, a start-up cost on every run; the pull request
// comment, the one path that needs the event, uses it (report/pr-comment.ts).
export function runContext(env: NodeJS.ProcessEnv): RunContext {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY ?? '';
  // The attempt matters on a re-run: /runs/<id> shows the latest attempt, not necessarily this one.
  const attempt = /^\d+$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  const runUrl =
    repository && env.GITHUB_RUN_ID ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}${attempt}` : '';
  return {
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    runUrl,
    repository,
    eventName: env.GITHUB_EVENT_NAME ?? '',
  };
}

/** Where the change orders a run names are shown. */
export interface Console {
  region: string;
  consoleSite?: ConsoleSite;
}

/** Change orders as a reader finds them: id, state when listed, console link (no full stop after a link). */
export function orderList(orders: readonly ChangeOrderListItem[], at: Console): string {
  return orders
    .map(
      (c) =>
        `${c.changeOrderId} (${describeStatus(c.status).label}): ${changeOrderUrl(c.changeOrderId, at.region, at.consoleSite)}`,
    )
    .join('; ');
}
