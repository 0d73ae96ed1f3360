export const id = 68;
export const ids = [68];
export const modules = {

/***/ 1068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  resolveCredentials: () => (/* binding */ resolveCredentials)
});

// EXTERNAL MODULE: ./src/credentials/errors.ts
var errors = __webpack_require__(4011);
;// CONCATENATED MODULE: ./src/credentials/renew.ts

/** Renew this long before the credentials expire (or after half their life, when they last less than twice this). */
const RENEW_BEFORE_MS = 5 * 60_000;
/** After a failed renewal, the credentials in hand are used this long before the next try (unless they expire first). */
const RETRY_RENEW_AFTER_MS = 30_000;
const renewAt = (c) => c.expiresAt - Math.min(RENEW_BEFORE_MS, Math.max(0, c.expiresAt - c.obtainedAt) / 2);
const plain = (c) => ({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken });
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
function renewingCredentials(o) {
    let current = o.first;
    let retryNotBefore = 0;
    let pending;
    const renew = async () => {
        try {
            const next = await o.renew();
            current = next;
            retryNotBefore = 0;
            o.onRenewed?.(next);
        }
        catch (e) {
            const error = e instanceof Error ? e : new Error(String(e));
            const now = o.now();
            if (now < current.expiresAt) {
                // Still valid for a while: carry on with them, and try again later rather than on every request.
                retryNotBefore = Math.min(now + RETRY_RENEW_AFTER_MS, current.expiresAt);
                o.onRenewFailed?.(error, current);
                return;
            }
            const why = error.message.replace(/\.$/, '');
            const message = `The temporary credentials from keyless login expired at ${iso(current.expiresAt)} and could not be renewed: ${why}. A change order already submitted keeps running in SAE; check it in the console before re-running.`;
            throw error instanceof errors/* CredentialsError */.l
                ? new errors/* CredentialsError */.l(error.code, message, error.input, error.requestId)
                : new errors/* CredentialsError */.l('Credentials.RenewFailed', message, 'role-to-assume');
        }
    };
    return {
        current: () => current,
        async getCredentials() {
            const now = o.now();
            const fresh = now < renewAt(current);
            const holding = now < current.expiresAt && now < retryNotBefore;
            if (!fresh && !holding) {
                // Calls that arrive during a renewal wait for it: one STS call, whoever asks.
                pending ??= renew().finally(() => {
                    pending = undefined;
                });
                await pending;
            }
            return plain(current);
        },
    };
}

// EXTERNAL MODULE: ./src/inputs/settings.ts
var settings = __webpack_require__(900);
;// CONCATENATED MODULE: ./src/credentials/sts.ts


/** What the action asks for; STS's default, and every RAM role allows at least this much (MaxSessionDuration ≥ 3600). */
const DURATION_SECONDS = 3600;
/** One call and up to three retries: about 7 s of backoff in all, so a renewal mid-wait stays short. */
const STS_ATTEMPTS = 4;
const STS_TIMEOUT_MS = 10_000;
/** sts-endpoint takes a host name or a URL; the default follows the region. Same rule as readSettings. */
function stsEndpoint(input, region) {
    const checked = (0,settings/* checkStsEndpoint */.sb)(input, region);
    if (!checked.ok) {
        throw new errors/* CredentialsError */.l('Input.Invalid', `sts-endpoint ${checked.reason}. Use a host name such as sts.cn-hangzhou.aliyuncs.com or an https:// URL.`, 'sts-endpoint');
    }
    return checked.url;
}
/** STS accepts 2–64 characters of letters, digits and . @ - _. */
function defaultSessionName(env) {
    const repo = (env.GITHUB_REPOSITORY ?? 'github').replace(/[^A-Za-z0-9.@_-]/g, '-');
    const run = env.GITHUB_RUN_ID ?? String(Date.now());
    return `gha-${repo}-${run}`.slice(-64).replace(/^[^A-Za-z0-9]+/, '') || 'github-actions';
}
/** Worth another try: the request did not get a considered answer (network, 5xx, 429, throttling). */
function isTransientSts(status, code) {
    return status >= 500 || status === 429 || /^Throttling/.test(code) || code === 'ServiceUnavailable' || code === 'InternalError';
}
/** 1 s, 2 s, 4 s with jitter, or the server's Retry-After when it asks for at most 10 s. */
function backoffMs(attempt, retryAfter) {
    const asked = Number(retryAfter);
    if (retryAfter && Number.isFinite(asked) && asked >= 0 && asked <= 10)
        return asked * 1000;
    return Math.round(1000 * 2 ** attempt * (0.75 + Math.random() / 4));
}
async function assumeRoleWithOidc(d, p) {
    if (!d.env.ACTIONS_ID_TOKEN_REQUEST_URL || !d.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new errors/* CredentialsError */.l('Credentials.OidcUnavailable', 'Keyless login needs a GitHub OIDC token, but the runner offers none: the workflow lacks `permissions: id-token: write` (or this is a pull request from a fork, which never gets one). Add `permissions: { id-token: write, contents: read }` to the job, or pass access-key-id and access-key-secret instead.', 'role-to-assume');
    }
    const now = d.now ?? Date.now;
    const sleep = d.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    let token;
    try {
        token = await d.getIdToken(p.audience);
    }
    catch (e) {
        throw new errors/* CredentialsError */.l('Credentials.OidcTokenFailed', `GitHub did not issue an OIDC token for audience "${p.audience}": ${e.message.replace(/\s+/g, ' ').replace(/^Error message: /, '')}. Check that the job has permissions: id-token: write, then re-run.`, 'oidc-audience');
    }
    d.mask(token);
    const form = new URLSearchParams({ OIDCProviderArn: p.providerArn, RoleArn: p.roleArn, OIDCToken: token, RoleSessionName: p.sessionName, DurationSeconds: String(DURATION_SECONDS) }).toString();
    for (let attempt = 1;; attempt++) {
        const last = attempt >= STS_ATTEMPTS;
        const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
        const startedAt = now();
        const query = new URLSearchParams({ Action: 'AssumeRoleWithOIDC', Version: '2015-04-01', Format: 'JSON', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') });
        let res;
        let body;
        try {
            res = await d.fetch(`${p.endpoint}/?${query}`, {
                method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
                signal: AbortSignal.timeout(STS_TIMEOUT_MS),
            });
            body = (await res.json().catch(() => ({})));
        }
        catch (e) {
            if (!last) {
                await sleep(backoffMs(attempt - 1));
                continue;
            }
            // fetch says only "fetch failed"; the cause (ECONNREFUSED, ENOTFOUND, a timeout) is what helps.
            const cause = e.cause;
            const why = [e.message, cause?.code ?? cause?.message].filter(Boolean).join(': ');
            throw new errors/* CredentialsError */.l('Credentials.StsUnreachable', `STS at ${p.endpoint} could not be reached${tries} (${why}). Check sts-endpoint (default sts.<region>.aliyuncs.com) and the runner's network.`, 'sts-endpoint');
        }
        const status = res.status;
        const c = (body.Credentials ?? {});
        if (status < 400 && typeof c.AccessKeyId === 'string' && typeof c.AccessKeySecret === 'string') {
            const creds = {
                accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: typeof c.SecurityToken === 'string' ? c.SecurityToken : undefined,
                obtainedAt: startedAt, expiresAt: expiresAt(c.Expiration, startedAt),
            };
            d.mask(creds.accessKeySecret);
            if (creds.securityToken)
                d.mask(creds.securityToken);
            return creds;
        }
        const code = typeof body.Code === 'string' ? body.Code : `STS.HTTP${status}`;
        if (!last && isTransientSts(status, code)) {
            await sleep(backoffMs(attempt - 1, res.headers.get('retry-after')));
            continue;
        }
        const message = typeof body.Message === 'string' ? body.Message.replace(/[.\s]+$/, '') : 'no credentials in the answer';
        const [hint, input] = isTransientSts(status, code)
            ? ['STS kept failing with a temporary error: re-run the job in a few minutes; if it persists, check sts-endpoint and the Alibaba Cloud status page.', 'sts-endpoint']
            : refusalHint(code, message, p);
        throw new errors/* CredentialsError */.l(code, `STS refused AssumeRoleWithOIDC for role ${p.roleArn}${tries} (${code}: ${message}). ${hint}`, input, typeof body.RequestId === 'string' ? body.RequestId : undefined);
    }
}
/**
 * When STS stops accepting the credentials: the earlier of the Expiration it states and the local clock at
 * the request plus DurationSeconds, so a runner clock that runs behind does not make them look fresher.
 */
function expiresAt(expiration, startedAt) {
    const byDuration = startedAt + DURATION_SECONDS * 1000;
    const stated = typeof expiration === 'string' ? Date.parse(expiration) : NaN;
    return Number.isFinite(stated) ? Math.min(stated, byDuration) : byDuration;
}
/** What to fix for an STS refusal, and the input it concerns. Codes: the STS 2015-04-01 error-code page. */
function refusalHint(code, message, p) {
    const trust = `Check the RAM role's trust policy: it must allow sts:AssumeRole for the OIDC provider ${p.providerArn} (Principal Federated), with conditions oidc:iss = https://token.actions.githubusercontent.com, oidc:aud = "${p.audience}" and oidc:sub matching this workflow (e.g. repo:OWNER/REPO:ref:refs/tags/*; pull requests and environments have other subjects).`;
    if (/^AuthenticationFail\.OIDCToken\.Audience/.test(code)) {
        return [`The token's audience "${p.audience}" is not a client id of the OIDC provider ${p.providerArn}: add it as a client id in RAM, or set oidc-audience to one the provider lists. ${trust}`, 'oidc-audience'];
    }
    if (/^AuthenticationFail\.OIDCToken\.Expired/.test(code)) {
        return ['The GitHub token had expired when STS checked it: re-run; if it repeats, check the runner clock and sts-endpoint.', 'sts-endpoint'];
    }
    if (/^AuthenticationFail\.OIDCToken\./.test(code)) {
        return [`The OIDC provider ${p.providerArn} does not accept GitHub's token: its issuer URL must be https://token.actions.githubusercontent.com and its fingerprint GitHub's current certificate. ${trust}`, 'oidc-provider-arn'];
    }
    if (/^EntityNotExist\.Role|^InvalidParameter\.RoleArn/.test(code)) {
        return ['Check role-to-assume: acs:ram::<account id>:role/<role name>, a role that exists in the account of the job template.', 'role-to-assume'];
    }
    if (/OIDCProvider|OIDC Provider/i.test(`${code} ${message}`))
        return [`Check oidc-provider-arn: acs:ram::<account id>:oidc-provider/<name>, an OIDC provider in the role's account, also named as Principal Federated in the role's trust policy.`, 'oidc-provider-arn'];
    if (/^InvalidParameter\.RoleSessionName/.test(code))
        return ['Set role-session-name to 2–64 letters, digits or . @ - _ (or leave it empty).', 'role-session-name'];
    return [trust, 'role-to-assume'];
}

;// CONCATENATED MODULE: ./src/credentials/resolve.ts



// configure-aliyun-credentials-action exports all three families; '' counts as unset (its post step resets them to '').
const ENV_FAMILIES = [
    { name: 'ALIBABA_CLOUD_*', id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', token: 'ALIBABA_CLOUD_SECURITY_TOKEN' },
    { name: 'ALICLOUD_*', id: 'ALICLOUD_ACCESS_KEY', secret: 'ALICLOUD_SECRET_KEY', token: 'ALICLOUD_SECURITY_TOKEN' },
    { name: 'ALIBABACLOUD_*', id: 'ALIBABACLOUD_ACCESS_KEY_ID', secret: 'ALIBABACLOUD_ACCESS_KEY_SECRET', token: 'ALIBABACLOUD_SECURITY_TOKEN' },
];
const resolve_iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
async function resolveCredentials(d) {
    const id = d.getInput('access-key-id');
    const secret = d.getInput('access-key-secret');
    const token = d.getInput('security-token');
    for (const v of [secret, token])
        if (v)
            d.mask(v);
    const role = d.getInput('role-to-assume');
    const provider = d.getInput('oidc-provider-arn');
    // Keys and keyless login both given: refused rather than warned about. They name two identities with
    // different permissions, and whichever one silently won, the deploy would run as an identity the author
    // may not expect: the long-lived key that keyless login is meant to retire, while a broken role setup
    // goes unnoticed until the keys are removed (a warning on a green step is easily missed). Users of
    // aws-actions/configure-aws-credentials may also read keys plus a role as "assume the role with the keys",
    // which this action does not do. Failing costs one edit and happens before anything is sent.
    if ((id || secret || token) && (role || provider)) {
        const keys = [id && 'access-key-id', secret && 'access-key-secret', token && 'security-token'].filter(Boolean).join(', ');
        const keyless = [role && 'role-to-assume', provider && 'oidc-provider-arn'].filter(Boolean).join(' and ');
        throw new errors/* CredentialsError */.l('Credentials.Conflict', `Both an AccessKey (${keys}) and keyless login (${keyless}) are set, so it is not clear which identity should deploy. Keep one: remove ${keys} to sign with the role through GitHub OIDC (recommended, nothing long-lived to leak), or remove ${keyless} to sign with the AccessKey.`, role ? 'role-to-assume' : 'oidc-provider-arn');
    }
    // A security-token alone would otherwise be ignored silently and the run would sign with something else.
    if (id || secret || token) {
        if (!id || !secret) {
            const missing = id ? 'access-key-secret' : 'access-key-id';
            const given = [id && 'access-key-id', secret && 'access-key-secret', token && 'security-token'].filter(Boolean).join(' and ');
            const both = !id && !secret ? 'access-key-id and access-key-secret are' : `${missing} is`;
            throw new errors/* CredentialsError */.l('Credentials.Incomplete', `${both} empty while ${given} ${given.includes(' and ') ? 'are' : 'is'} set: an AccessKey needs both halves (a security-token only goes with the temporary key it was issued for). Set ${missing} (from a secret), or remove ${given} to use the environment or keyless login.`, missing);
        }
        return { credentials: { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined }, source: 'the access-key-id and access-key-secret inputs' };
    }
    if (role || provider) {
        if (!role || !provider) {
            const missing = role ? 'oidc-provider-arn' : 'role-to-assume';
            throw new errors/* CredentialsError */.l('Credentials.Incomplete', `${missing} is empty while ${role ? 'role-to-assume' : 'oidc-provider-arn'} is set: keyless login needs both the RAM role ARN and the OIDC provider ARN. Set ${missing}, e.g. acs:ram::123456789012:${role ? 'oidc-provider/GitHub' : 'role/github-deploy'}.`, missing);
        }
        const endpoint = stsEndpoint(d.getInput('sts-endpoint'), d.region);
        const audience = d.getInput('oidc-audience') || 'sts.aliyuncs.com';
        const sessionName = d.getInput('role-session-name') || defaultSessionName(d.env);
        // Checked here so a typo fails before a token is fetched, not as an STS refusal.
        if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(sessionName)) {
            throw new errors/* CredentialsError */.l('Input.Invalid', `role-session-name "${sessionName}" is not accepted by STS: use 2–64 letters, digits or . @ - _, e.g. deploy-\${{ github.run_id }}, or leave it empty for the default.`, 'role-session-name');
        }
        // Every assumption fetches a new GitHub token (they last minutes) and masks what it gets.
        const assume = () => assumeRoleWithOidc(d, { endpoint, roleArn: role, providerArn: provider, audience, sessionName });
        const first = await assume();
        const credentials = renewingCredentials({
            first, renew: assume, now: d.now ?? Date.now,
            onRenewed: (c) => d.info?.(`Renewed the temporary credentials from keyless login (role ${role}); valid until ${resolve_iso(c.expiresAt)}.`),
            onRenewFailed: (e, c) => d.info?.(`Renewing the temporary credentials from keyless login failed (${e.message}); the current ones stay in use until ${resolve_iso(c.expiresAt)} and renewal is tried again.`),
        });
        d.info?.(`Keyless login: STS issued temporary credentials for role ${role}, valid until ${resolve_iso(first.expiresAt)}; they are renewed shortly before they expire.`);
        return { credentials, source: `keyless login (role ${role})` };
    }
    const halves = [];
    for (const f of ENV_FAMILIES) {
        const envId = d.env[f.id];
        const envSecret = d.env[f.secret];
        const envToken = d.env[f.token] || undefined;
        for (const v of [envSecret, envToken])
            if (v)
                d.mask(v);
        if (envId && envSecret) {
            return { credentials: { accessKeyId: envId, accessKeySecret: envSecret, securityToken: envToken }, source: `the ${f.name} environment variables` };
        }
        // Half a pair is almost always a typo in an env: block; saying which half saves a guess.
        if (envId || envSecret)
            halves.push(`${envId ? f.id : f.secret} is set but ${envId ? f.secret : f.id} is empty`);
    }
    throw new errors/* CredentialsError */.l('Credentials.Missing', `No credentials were found: access-key-id and access-key-secret are empty, keyless login (role-to-assume, oidc-provider-arn) is not set, and ${halves.length ? `in the environment ${halves.join('; ')}` : 'the environment has no ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (nor the ALICLOUD_* or ALIBABACLOUD_* aliases)'}. Pass access-key-id and access-key-secret from secrets, set role-to-assume and oidc-provider-arn (with permissions: id-token: write), or run aliyun/configure-aliyun-credentials-action first.`, 'access-key-id');
}


/***/ })

};
