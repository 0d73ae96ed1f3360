export const id = 572;
export const ids = [572];
export const modules = {

/***/ 9572:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  resolveCredentials: () => (/* binding */ resolveCredentials)
});

// EXTERNAL MODULE: ./src/credentials/errors.ts
var errors = __webpack_require__(4011);
// EXTERNAL MODULE: ./src/inputs/settings.ts
var settings = __webpack_require__(900);
;// CONCATENATED MODULE: ./src/credentials/sts.ts


/** sts-endpoint takes a host name or a URL; the default follows the region. */
function stsEndpoint(input, region) {
    const text = input || (region ? `sts.${region}.aliyuncs.com` : 'sts.aliyuncs.com');
    const url = /^[a-z]+:\/\//i.test(text) ? text : `https://${text}`;
    const checked = (0,settings/* checkEndpointUrl */.LE)(url);
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
async function assumeRoleWithOidc(d, p) {
    if (!d.env.ACTIONS_ID_TOKEN_REQUEST_URL || !d.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new errors/* CredentialsError */.l('Credentials.OidcUnavailable', 'Keyless login needs a GitHub OIDC token, but the runner offers none: the workflow lacks `permissions: id-token: write` (or this is a pull request from a fork, which never gets one). Add `permissions: { id-token: write, contents: read }` to the job, or pass access-key-id and access-key-secret instead.', 'role-to-assume');
    }
    let token;
    try {
        token = await d.getIdToken(p.audience);
    }
    catch (e) {
        throw new errors/* CredentialsError */.l('Credentials.OidcTokenFailed', `GitHub did not issue an OIDC token for audience "${p.audience}": ${e.message}. Check that the job has permissions: id-token: write, then re-run.`, 'oidc-audience');
    }
    d.mask(token);
    const query = new URLSearchParams({ Action: 'AssumeRoleWithOIDC', Version: '2015-04-01', Format: 'JSON', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') });
    const form = new URLSearchParams({ OIDCProviderArn: p.providerArn, RoleArn: p.roleArn, OIDCToken: token, RoleSessionName: p.sessionName, DurationSeconds: '3600' });
    let status = 0;
    let body = {};
    try {
        const res = await d.fetch(`${p.endpoint}/?${query}`, {
            method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
            signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        body = (await res.json().catch(() => ({})));
    }
    catch (e) {
        throw new errors/* CredentialsError */.l('Credentials.StsUnreachable', `STS at ${p.endpoint} could not be reached: ${e.message}. Check sts-endpoint (default sts.<region>.aliyuncs.com) and the runner's network.`, 'sts-endpoint');
    }
    const c = (body.Credentials ?? {});
    if (status >= 400 || typeof c.AccessKeyId !== 'string' || typeof c.AccessKeySecret !== 'string') {
        const code = typeof body.Code === 'string' ? body.Code : `STS.HTTP${status}`;
        const message = typeof body.Message === 'string' ? body.Message : 'no credentials in the answer';
        throw new errors/* CredentialsError */.l(code, `STS refused AssumeRoleWithOIDC for role ${p.roleArn}: ${message}. Check the RAM role's trust policy: it must trust the OIDC provider ${p.providerArn}, allow the audience "${p.audience}" (oidc:aud) and this workflow's subject (oidc:sub, e.g. repo:OWNER/REPO:ref:refs/tags/*).`, 'role-to-assume', typeof body.RequestId === 'string' ? body.RequestId : undefined);
    }
    const creds = { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: typeof c.SecurityToken === 'string' ? c.SecurityToken : undefined };
    d.mask(creds.accessKeySecret);
    if (creds.securityToken)
        d.mask(creds.securityToken);
    return creds;
}

;// CONCATENATED MODULE: ./src/credentials/resolve.ts


// configure-aliyun-credentials-action exports all three families; '' counts as unset (its post step resets them to '').
const ENV_FAMILIES = [
    { name: 'ALIBABA_CLOUD_*', id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', token: 'ALIBABA_CLOUD_SECURITY_TOKEN' },
    { name: 'ALICLOUD_*', id: 'ALICLOUD_ACCESS_KEY', secret: 'ALICLOUD_SECRET_KEY', token: 'ALICLOUD_SECURITY_TOKEN' },
    { name: 'ALIBABACLOUD_*', id: 'ALIBABACLOUD_ACCESS_KEY_ID', secret: 'ALIBABACLOUD_ACCESS_KEY_SECRET', token: 'ALIBABACLOUD_SECURITY_TOKEN' },
];
async function resolveCredentials(d) {
    const id = d.getInput('access-key-id');
    const secret = d.getInput('access-key-secret');
    const token = d.getInput('security-token');
    for (const v of [secret, token])
        if (v)
            d.mask(v);
    if (id || secret) {
        if (!id || !secret) {
            const missing = id ? 'access-key-secret' : 'access-key-id';
            throw new errors/* CredentialsError */.l('Credentials.Incomplete', `${missing} is empty while ${id ? 'access-key-id' : 'access-key-secret'} is set: an AccessKey needs both halves. Set ${missing} (from a secret), or remove both to use the environment or keyless login.`, missing);
        }
        return { credentials: { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined }, source: 'the access-key-id and access-key-secret inputs' };
    }
    const role = d.getInput('role-to-assume');
    const provider = d.getInput('oidc-provider-arn');
    if (role || provider) {
        if (!role || !provider) {
            const missing = role ? 'oidc-provider-arn' : 'role-to-assume';
            throw new errors/* CredentialsError */.l('Credentials.Incomplete', `${missing} is empty while ${role ? 'role-to-assume' : 'oidc-provider-arn'} is set: keyless login needs both the RAM role ARN and the OIDC provider ARN. Set ${missing}, e.g. acs:ram::123456789012:${role ? 'oidc-provider/GitHub' : 'role/github-deploy'}.`, missing);
        }
        const endpoint = stsEndpoint(d.getInput('sts-endpoint'), d.region);
        const audience = d.getInput('oidc-audience') || 'sts.aliyuncs.com';
        const credentials = await assumeRoleWithOidc(d, {
            endpoint, roleArn: role, providerArn: provider, audience,
            sessionName: d.getInput('role-session-name') || defaultSessionName(d.env),
        });
        d.mask(credentials.accessKeySecret);
        if (credentials.securityToken)
            d.mask(credentials.securityToken);
        return { credentials, source: `keyless login (role ${role})` };
    }
    for (const f of ENV_FAMILIES) {
        const envId = d.env[f.id];
        const envSecret = d.env[f.secret];
        if (envId && envSecret) {
            const envToken = d.env[f.token] || undefined;
            d.mask(envSecret);
            if (envToken)
                d.mask(envToken);
            return { credentials: { accessKeyId: envId, accessKeySecret: envSecret, securityToken: envToken }, source: `the ${f.name} environment variables` };
        }
    }
    throw new errors/* CredentialsError */.l('Credentials.Missing', 'No credentials were found: access-key-id and access-key-secret are empty, keyless login (role-to-assume, oidc-provider-arn) is not set, and ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET are not in the environment. Pass access-key-id and access-key-secret from secrets, set role-to-assume and oidc-provider-arn (with permissions: id-token: write), or run aliyun/configure-aliyun-credentials-action first.', 'access-key-id');
}


/***/ })

};
