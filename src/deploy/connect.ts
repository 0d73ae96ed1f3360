// Stage 3: credentials and the SAE client. Both load lazily: bad input and dry runs without credentials
// never pay for pop-core or the credential chain.
import { CredentialsError } from '../credentials/credentials-error.js';
import { debugFetch, debugIdToken, logCall, logHold, logRoute } from '../report/debug.js';
import { planWithoutTemplate } from '../report/read-back.js';
import type { SaeApi } from '../sae/client.js';
import type { Exchange } from '../sae/record.js';
import { waitOn } from '../runner/clock.js';
import type { Deploy } from './context.js';

export async function connect(d: Deploy): Promise<SaeApi> {
  const { io, settings } = d;
  const { resolveCredentials } = await import('../credentials/resolve.js');
  // The deadline every request of the run is cut to; the run after the deploy moves it (SaeApi.setDeadline),
  // and a renewal of keyless credentials then follows it too.
  let deadline = d.deadline;
  const resolving = () =>
    resolveCredentials({
      inputs: settings.credentials,
      env: io.env,
      mask: (v) => io.setSecret(v),
      info: (m) => io.info(m),
      fetch: debugFetch(io, 'STS', d.fetch),
      getIdToken: debugIdToken(io, d.getIdToken),
      now: d.clock.now,
      sleep: (ms) => d.clock.sleep(ms, d.signal),
      signal: d.signal,
      deadline: () => deadline,
    });
  // Several templates in one step log in once (keyless: one OIDC token, one STS call); the first one to get here
  // does it for all.
  const first = !d.step?.credentials;
  if (d.step) d.step.credentials ??= resolving();
  const resolved = await waitOn(d.clock, d.step?.credentials ?? resolving());
  if (resolved.warning && first) {
    const { message, input } = resolved.warning;
    io.warning(message, { title: `Input ${input}`, ...(await d.where([input])) });
  }
  io.info(`Signing with credentials from ${resolved.source}; endpoint ${settings.endpoint}.`);
  logRoute(io, 'SAE', settings.endpoint);
  const { SaeClient } = await import('../sae/client.js');
  const { CallBudget } = await import('../pace/budget.js');
  const { budgeted } = await import('../sae/gated.js');
  const client = await SaeClient.create({
    endpoint: settings.endpoint,
    credentials: resolved.credentials,
    requestTimeoutMs: settings.requestTimeoutMs,
    deadline: d.deadline,
    now: d.clock.now,
    onCall: (c) => logCall(io, c),
    record: await recorder(d),
    signal: d.signal,
  });
  // Every SAE call of the run through one gate: the run's share of the account's budget (pace/budget.ts).
  // With several templates, each gate keeps its own pace after throttles, all under the step's one AccountPace.
  const budget = new CallBudget(d.clock, { onHold: (h) => logHold(io, h), pace: d.step?.pace });
  budget.setDeadline(d.deadline);
  const api = budgeted(client, budget, d.signal);
  return {
    ...api,
    setDeadline: (next) => {
      deadline = next;
      api.setDeadline?.(next);
    },
  };
}

/** The client for a dry run's plan, or undefined when there are no credentials (then the request alone is shown). */
export async function connectForPlan(d: Deploy): Promise<SaeApi | undefined> {
  if (!d.settings.endpoint) return undefined;
  try {
    return await connect(d);
  } catch (e) {
    if (!(e instanceof CredentialsError)) throw e;
    if (e.code === 'Credentials.Missing')
      d.io.info('Dry run without credentials: the template is not read, so only the request is shown.');
    else d.io.warning(planWithoutTemplate(e), { title: e.code });
    return undefined;
  }
}

/** With SAE_RECORD_DIR set (README "Record a real deploy"), every SAE exchange is written there, scrubbed. */
async function recorder(d: Deploy): Promise<((e: Exchange) => void) | undefined> {
  const dir = d.io.env.SAE_RECORD_DIR;
  if (!dir) return undefined;
  const { Recorder } = await import('../sae/record.js');
  const r = new Recorder({
    dir,
    endpoint: d.settings.endpoint,
    now: d.clock.now,
    redact: d.io.redact,
    warn: (m) => d.io.warning(m, { title: 'Not recorded' }),
  });
  d.io.info(`Recording every SAE exchange, scrubbed, in ${r.where} (SAE_RECORD_DIR).`);
  return (e) => r.record(e);
}
