// Keyless login: a GitHub OIDC token exchanged with STS AssumeRoleWithOIDC for temporary credentials.
//
// @alicloud/credentials has an OIDC provider, but it reads the token from a file, and it hard-codes
// https:// for STS, so the exchange could not be tested against the loopback emulator; it also adds
// start-up cost. The call itself is one anonymous POST, made with the fetch the runner passes
// (runner/network.ts: @actions/http-client, the toolkit's proxy rules, no redirects).
import type { InputName } from '../contract/action-inputs.js';
import type { CallBounds, Credentials } from './types.js';
import { SHORT_PACE, retryAfterHeader, retrying } from '../pace/retry-policy.js';
import { boundedFetch } from '../runner/bounded.js';
import { CredentialsError } from './credentials-error.js';

export interface StsDeps {
  /** Gets a GitHub OIDC token for the audience (credentials/github-oidc.ts on the runner, which retries on its own). */
  getIdToken: (audience: string, bounds?: CallBounds) => Promise<string>;
  fetch: typeof fetch;
  env: NodeJS.ProcessEnv;
  mask: (value: string) => void;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
  /** The wait between attempts. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** The run's cancellation: the request in flight ends, and no retry follows. */
  signal?: AbortSignal;
  /**
   * The run's deadline now (epoch ms): requests are cut to it and no retry starts past it. A function, since a
   * renewal may come during the run after the deploy, which has a deadline of its own.
   */
  deadline?: () => number | undefined;
}

export interface AssumeRoleParams {
  endpoint: string;
  roleArn: string;
  providerArn: string;
  audience: string;
  sessionName: string;
}

/** Credentials from AssumeRoleWithOIDC, with when they were obtained and when they stop working (epoch ms). */
export interface TemporaryCredentials extends Credentials {
  obtainedAt: number;
  expiresAt: number;
}

/**
 * What the action asks for; STS's default, and every RAM role allows at least this much (MaxSessionDuration ≥ 3600).
 */
export const DURATION_SECONDS = 3600;
/** One call and up to three retries: about 7 s of backoff in all, so a renewal mid-wait stays short. */
const STS_RETRIES = 3;
const STS_TIMEOUT_MS = 10_000;
/** STS's answer: the credentials, the assumed role and the token's claims, a few kilobytes. */
export const STS_MAX_BYTES = 64 * 1024;

/** STS accepts 2–64 characters of letters, digits and . @ - _. */
export function defaultSessionName(env: NodeJS.ProcessEnv): string {
  const repo = (env.GITHUB_REPOSITORY ?? 'github').replace(/[^A-Za-z0-9.@_-]/g, '-');
  const workflowRun = env.GITHUB_RUN_ID ?? String(Date.now());
  // With the attempt, a re-run's session is told apart from the first in ActionTrail.
  const attempt = /^\d+$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? `-${env.GITHUB_RUN_ATTEMPT}` : '';
  return `gha-${repo}-${workflowRun}${attempt}`.slice(-64).replace(/^[^A-Za-z0-9]+/, '') || 'github-actions';
}

/** Worth another try: the request did not get a considered answer (network, 5xx, 429, throttling). */
export function isTransientSts(status: number, code: string): boolean {
  return (
    status >= 500 ||
    status === 429 ||
    /^Throttling/.test(code) ||
    code === 'ServiceUnavailable' ||
    code === 'InternalError'
  );
}

/** One attempt that got no answer (the connection failed or timed out). */
class Unanswered {
  constructor(readonly error: unknown) {}
}

/** One attempt that STS answered without credentials. */
class Refused {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly body: Record<string, unknown>,
    readonly retryAfterMs: number | undefined,
  ) {}
}

export async function assumeRoleWithOidc(d: StsDeps, p: AssumeRoleParams): Promise<TemporaryCredentials> {
  if (!d.env.ACTIONS_ID_TOKEN_REQUEST_URL || !d.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new CredentialsError(
      'Credentials.OidcUnavailable',
      'Keyless login needs a GitHub OIDC token, but the runner offers none: the workflow lacks `permissions: id-token: write` (or this is a pull request from a fork, which never gets one). Add `permissions: { id-token: write, contents: read }` to the job, or pass access-key-id and access-key-secret instead.',
      'role-to-assume',
    );
  }
  const now = d.now ?? Date.now;
  const sleep = d.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = () => d.deadline?.();
  let token: string;
  try {
    token = await d.getIdToken(p.audience, { signal: d.signal, deadline: deadline(), now });
  } catch (e) {
    throw new CredentialsError(
      'Credentials.OidcTokenFailed',
      `GitHub did not issue an OIDC token for audience "${p.audience}": ${(e as Error).message.replace(/\s+/g, ' ').replace(/^Error message: /, '')}. Check that the job has permissions: id-token: write, then re-run.`,
      'oidc-audience',
    );
  }
  d.mask(token);

  const form = new URLSearchParams({
    OIDCProviderArn: p.providerArn,
    RoleArn: p.roleArn,
    OIDCToken: token,
    RoleSessionName: p.sessionName,
    DurationSeconds: String(DURATION_SECONDS),
  }).toString();
  let attempts = 0;
  // Each attempt: one deadline over connect, headers and body, and a cap on the answer (runner/bounded.ts).
  const post = boundedFetch(d.fetch, {
    service: 'STS',
    timeoutMs: STS_TIMEOUT_MS,
    maxBytes: STS_MAX_BYTES,
    signal: d.signal,
    deadline,
    now,
  });
  const once = async (): Promise<TemporaryCredentials> => {
    attempts++;
    const startedAt = now();
    const query = new URLSearchParams({
      Action: 'AssumeRoleWithOIDC',
      Version: '2015-04-01',
      Format: 'JSON',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    let res: Response;
    let body: Record<string, unknown>;
    try {
      res = await post(`${p.endpoint}/?${query}`, {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      });
      body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    } catch (e) {
      throw new Unanswered(e);
    }
    const status = res.status;
    const c = (body.Credentials ?? {}) as Record<string, unknown>;
    if (status < 400 && typeof c.AccessKeyId === 'string' && typeof c.AccessKeySecret === 'string') {
      const creds: TemporaryCredentials = {
        accessKeyId: c.AccessKeyId,
        accessKeySecret: c.AccessKeySecret,
        securityToken: typeof c.SecurityToken === 'string' ? c.SecurityToken : undefined,
        obtainedAt: startedAt,
        expiresAt: expiresAt(c.Expiration, startedAt),
      };
      // The temporary key id too: with its token and secret it is a working credential, and it names the session.
      d.mask(creds.accessKeyId);
      d.mask(creds.accessKeySecret);
      if (creds.securityToken) d.mask(creds.securityToken);
      return creds;
    }
    if (status >= 300 && status < 400) {
      // Never followed (runner/network.ts): the form holds the OIDC token, and it goes only to sts-endpoint.
      throw new CredentialsError(
        `STS.HTTP${status}`,
        `STS at ${p.endpoint} answered HTTP ${status}, a redirect, which the action does not follow: the OIDC token would be sent on to another address. Set sts-endpoint to the address STS answers at (default sts.<region>.aliyuncs.com).`,
        'sts-endpoint',
      );
    }
    throw new Refused(
      status,
      typeof body.Code === 'string' ? body.Code : `STS.HTTP${status}`,
      body,
      retryAfterHeader(res),
    );
  };

  try {
    return await retrying(once, {
      // No answer, or a temporary one: worth another try. A considered refusal is not.
      retryable: (e) =>
        e instanceof Unanswered
          ? {}
          : e instanceof Refused && isTransientSts(e.status, e.code)
            ? { retryAfterMs: e.retryAfterMs }
            : undefined,
      pace: SHORT_PACE,
      maxRetries: STS_RETRIES,
      now,
      sleep,
      deadline: deadline(),
      signal: d.signal,
    });
  } catch (e) {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    if (e instanceof Unanswered) {
      // fetch says only "fetch failed"; the cause (ECONNREFUSED, ENOTFOUND, a timeout) is what helps.
      const err = e.error as Error & { cause?: { code?: string; message?: string } };
      const why = [err.message, err.cause?.code ?? err.cause?.message].filter(Boolean).join(': ');
      throw new CredentialsError(
        'Credentials.StsUnreachable',
        `STS at ${p.endpoint} could not be reached${tries} (${why}). Check sts-endpoint (default sts.<region>.aliyuncs.com) and the runner's network.`,
        'sts-endpoint',
      );
    }
    if (!(e instanceof Refused)) throw e;
    const { code, body } = e;
    const message =
      typeof body.Message === 'string' ? body.Message.replace(/[.\s]+$/, '') : 'no credentials in the answer';
    const [hint, input]: [string, InputName] = isTransientSts(e.status, code)
      ? [
          'STS kept failing with a temporary error: re-run the job in a few minutes; if it persists, check sts-endpoint and the Alibaba Cloud status page.',
          'sts-endpoint',
        ]
      : refusalHint(code, message, p);
    throw new CredentialsError(
      code,
      `STS refused AssumeRoleWithOIDC for role ${p.roleArn}${tries} (${code}: ${message}). ${hint}`,
      input,
      typeof body.RequestId === 'string' ? body.RequestId : undefined,
    );
  }
}

/**
 * When STS stops accepting the credentials: the earlier of the Expiration it states and the local clock at
 * the request plus DurationSeconds, so a runner clock that runs behind does not make them look fresher.
 */
function expiresAt(expiration: unknown, startedAt: number): number {
  const byDuration = startedAt + DURATION_SECONDS * 1000;
  const stated = typeof expiration === 'string' ? Date.parse(expiration) : NaN;
  return Number.isFinite(stated) ? Math.min(stated, byDuration) : byDuration;
}

/** What to fix for an STS refusal, and the input it concerns. Codes: the STS 2015-04-01 error-code page. */
function refusalHint(code: string, message: string, p: AssumeRoleParams): [string, InputName] {
  const trust = `Check the RAM role's trust policy: it must allow sts:AssumeRole for the OIDC provider ${p.providerArn} (Principal Federated), with conditions oidc:iss = https://token.actions.githubusercontent.com, oidc:aud = "${p.audience}" and oidc:sub matching this workflow (e.g. repo:OWNER/REPO:ref:refs/tags/*; pull requests and environments have other subjects).`;
  if (/^AuthenticationFail\.OIDCToken\.Audience/.test(code)) {
    return [
      `The token's audience "${p.audience}" is not a client id of the OIDC provider ${p.providerArn}: add it as a client id in RAM, or set oidc-audience to one the provider lists. ${trust}`,
      'oidc-audience',
    ];
  }
  if (/^AuthenticationFail\.OIDCToken\.Expired/.test(code)) {
    return [
      'The GitHub token had expired when STS checked it: re-run; if it repeats, check the runner clock and sts-endpoint.',
      'sts-endpoint',
    ];
  }
  if (/^AuthenticationFail\.OIDCToken\./.test(code)) {
    return [
      `The OIDC provider ${p.providerArn} does not accept GitHub's token: its issuer URL must be https://token.actions.githubusercontent.com and its fingerprint GitHub's current certificate. ${trust}`,
      'oidc-provider-arn',
    ];
  }
  if (/^EntityNotExist\.Role|^InvalidParameter\.RoleArn/.test(code)) {
    return [
      'Check role-to-assume: acs:ram::<account id>:role/<role name>, a role that exists in the account of the job template.',
      'role-to-assume',
    ];
  }
  if (/OIDCProvider|OIDC Provider/i.test(`${code} ${message}`))
    return [
      `Check oidc-provider-arn: acs:ram::<account id>:oidc-provider/<name>, an OIDC provider in the role's account, also named as Principal Federated in the role's trust policy.`,
      'oidc-provider-arn',
    ];
  if (/^InvalidParameter\.RoleSessionName/.test(code))
    return ['Set role-session-name to 2–64 letters, digits or . @ - _ (or leave it empty).', 'role-session-name'];
  return [trust, 'role-to-assume'];
}
