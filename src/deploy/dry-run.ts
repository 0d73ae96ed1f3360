// A dry run: the same checks as a deploy (inputs, credentials), the plan when there are credentials to read
// the template with, the request printed, and with comment-on-pr the plan posted on the pull request.
// Nothing is sent to SAE that changes anything.
import type { CreateBlock } from '../inputs/create-block.js';
import { redacted, redactedParameters, type UpdateJobRequest } from '../request/build.js';
import { cancelledBeforeOrder, cancelledWhilePosting, Ended, STATUS } from '../outcome/endings.js';
import { formatDuration } from '../report/format.js';
import { connectForPlan } from './connect.js';
import type { Deploy } from './context.js';
import { identify } from './identify.js';
import { showPlan } from './show-plan.js';
import type { Identity } from '../inputs/identity.js';

export async function dryRun(
  d: Deploy,
  request: UpdateJobRequest,
  identity: Identity,
  create?: CreateBlock,
): Promise<void> {
  const { io, settings, report } = d;
  const { checkCredentialsDry } = await import('../credentials/dry-run-check.js');
  await checkCredentialsDry({ inputs: settings.credentials, env: io.env, mask: (v) => io.setSecret(v) });
  report.status = STATUS.dryRun;
  // With credentials the plan shows what the request would change; without, the request alone.
  const planApi = await connectForPlan(d);
  /** The CreateJob a deploy would send (if-missing: create), shown as the request. */
  const wouldCreate = async (name: { appName: string; namespaceId: string }, always: boolean) => {
    const { buildCreateRequest } = await import('../request/create-request.js');
    const createRequest = buildCreateRequest(request, create!, name);
    io.info(
      always
        ? `No template is named ${name.appName}: a deploy creates it (if-missing: create) with this CreateJob request:`
        : `If no template is named ${name.appName} when the step deploys, it is created (if-missing: create) with this CreateJob request:`,
    );
    io.info(JSON.stringify(redacted(createRequest), null, 2));
    return createRequest;
  };
  if (planApi) {
    // The template by name: not found, or found twice, is a definite answer that fails the dry run as a deploy.
    const named = await identify(d, planApi, request, identity);
    if (!named && identity.by === 'name') {
      report.parameters = redactedParameters(await wouldCreate(identity, true));
      const { planChanges } = await import('../plan/changes.js');
      report.plan = planChanges(request, {}).entries;
    } else if (named) ({ request } = await showPlan(d, planApi, named, create));
  } else {
    if (identity.by === 'name')
      io.info(
        `Dry run without credentials: the template's id is looked up by its name (${identity.appName}, ListJobs) when the step deploys.`,
      );
    if (identity.by === 'name' && settings.ifMissing === 'create' && create) await wouldCreate(identity, false);
    if (settings.envsStrategy === 'merge' && request.query['Envs'] !== undefined)
      io.info(
        "Dry run without credentials: envs-strategy: merge needs the template's current Envs (DescribeJob), so the Envs shown are only the names given.",
      );
  }
  // Cancelled while reading the plan: the plan shown may be partial, so the run does not end as a dry run.
  if (d.signal?.aborted) throw new Ended(cancelledBeforeOrder());
  io.info('Dry run: nothing was sent to SAE.');
  if (settings.runAfterDeploy) {
    report.jobRun = { planned: true, timeoutMs: settings.runTimeoutMs, polls: 0 };
    io.info(
      `run-after-deploy: after a real deploy the job would run once (ExecJob) and be followed for at most ${formatDuration(settings.runTimeoutMs)}.`,
    );
  }
  io.info(JSON.stringify(redacted(request), null, 2));
  if (settings.commentOnPr) {
    report.durationMs = d.clock.now() - d.started;
    await commentOnPr(d);
  }
}

async function commentOnPr(d: Deploy): Promise<void> {
  const { io, report } = d;
  if (report.context.eventName !== 'pull_request' && report.context.eventName !== 'pull_request_target') {
    io.info(
      `comment-on-pr: this is a ${report.context.eventName || 'non-pull-request'} event, so no comment is posted.`,
    );
    return;
  }
  const { postPlanComment, notPosted } = await import('../report/pr-comment.js');
  try {
    const url = await postPlanComment(io, report, d.settings.githubToken, (ms) => d.clock.sleep(ms, d.signal), {
      signal: d.signal,
      deadline: d.deadline,
      now: d.clock.now,
    });
    io.info(`Posted the planned request on the pull request: ${url}`);
  } catch (e) {
    if (d.signal?.aborted) throw new Ended(cancelledWhilePosting());
    io.warning(notPosted(e), { title: 'comment-on-pr' });
  }
}
