// Where the credentials come from, in order: the explicit inputs, keyless OIDC login (role-to-assume
// with oidc-provider-arn), then the environment that aliyun/configure-aliyun-credentials-action exports.
import type { Credentials } from '../sae/client.js';
import { CredentialsError } from './errors.js';
import { assumeRoleWithOidc, defaultSessionName, stsEndpoint, type StsDeps } from './sts.js';

export interface ResolvedCredentials {
  credentials: Credentials;
  /** Where they came from, for the log (never the values). */
  source: string;
}

// configure-aliyun-credentials-action exports all three families; '' counts as unset (its post step resets them to '').
const ENV_FAMILIES: ReadonlyArray<{ name: string; id: string; secret: string; token: string }> = [
  { name: 'ALIBABA_CLOUD_*', id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', token: 'ALIBABA_CLOUD_SECURITY_TOKEN' },
  { name: 'ALICLOUD_*', id: 'ALICLOUD_ACCESS_KEY', secret: 'ALICLOUD_SECRET_KEY', token: 'ALICLOUD_SECURITY_TOKEN' },
  { name: 'ALIBABACLOUD_*', id: 'ALIBABACLOUD_ACCESS_KEY_ID', secret: 'ALIBABACLOUD_ACCESS_KEY_SECRET', token: 'ALIBABACLOUD_SECURITY_TOKEN' },
];

export interface ResolveDeps extends StsDeps {
  getInput: (name: string) => string;
  env: NodeJS.ProcessEnv;
  region: string;
  /** Masks a value in every log line from now on. */
  mask: (value: string) => void;
}

export async function resolveCredentials(d: ResolveDeps): Promise<ResolvedCredentials> {
  const id = d.getInput('access-key-id');
  const secret = d.getInput('access-key-secret');
  const token = d.getInput('security-token');
  for (const v of [secret, token]) if (v) d.mask(v);
  // A security-token alone would otherwise be ignored silently and the run would sign with something else.
  if (id || secret || token) {
    if (!id || !secret) {
      const missing = id ? 'access-key-secret' : 'access-key-id';
      const given = [id && 'access-key-id', secret && 'access-key-secret', token && 'security-token'].filter(Boolean).join(' and ');
      const both = !id && !secret ? 'access-key-id and access-key-secret are' : `${missing} is`;
      throw new CredentialsError('Credentials.Incomplete', `${both} empty while ${given} ${given.includes(' and ') ? 'are' : 'is'} set: an AccessKey needs both halves (a security-token only goes with the temporary key it was issued for). Set ${missing} (from a secret), or remove ${given} to use the environment or keyless login.`, missing);
    }
    return { credentials: { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined }, source: 'the access-key-id and access-key-secret inputs' };
  }

  const role = d.getInput('role-to-assume');
  const provider = d.getInput('oidc-provider-arn');
  if (role || provider) {
    if (!role || !provider) {
      const missing = role ? 'oidc-provider-arn' : 'role-to-assume';
      throw new CredentialsError('Credentials.Incomplete', `${missing} is empty while ${role ? 'role-to-assume' : 'oidc-provider-arn'} is set: keyless login needs both the RAM role ARN and the OIDC provider ARN. Set ${missing}, e.g. acs:ram::123456789012:${role ? 'oidc-provider/GitHub' : 'role/github-deploy'}.`, missing);
    }
    const endpoint = stsEndpoint(d.getInput('sts-endpoint'), d.region);
    const audience = d.getInput('oidc-audience') || 'sts.aliyuncs.com';
    const sessionName = d.getInput('role-session-name') || defaultSessionName(d.env);
    // Checked here so a typo fails before a token is fetched, not as an STS refusal.
    if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(sessionName)) {
      throw new CredentialsError('Input.Invalid', `role-session-name "${sessionName}" is not accepted by STS: use 2–64 letters, digits or . @ - _, e.g. deploy-\${{ github.run_id }}, or leave it empty for the default.`, 'role-session-name');
    }
    const credentials = await assumeRoleWithOidc(d, { endpoint, roleArn: role, providerArn: provider, audience, sessionName });
    d.mask(credentials.accessKeySecret);
    if (credentials.securityToken) d.mask(credentials.securityToken);
    return { credentials, source: `keyless login (role ${role})` };
  }

  const halves: string[] = [];
  for (const f of ENV_FAMILIES) {
    const envId = d.env[f.id];
    const envSecret = d.env[f.secret];
    const envToken = d.env[f.token] || undefined;
    for (const v of [envSecret, envToken]) if (v) d.mask(v);
    if (envId && envSecret) {
      return { credentials: { accessKeyId: envId, accessKeySecret: envSecret, securityToken: envToken }, source: `the ${f.name} environment variables` };
    }
    // Half a pair is almost always a typo in an env: block; saying which half saves a guess.
    if (envId || envSecret) halves.push(`${envId ? f.id : f.secret} is set but ${envId ? f.secret : f.id} is empty`);
  }
  throw new CredentialsError('Credentials.Missing', `No credentials were found: access-key-id and access-key-secret are empty, keyless login (role-to-assume, oidc-provider-arn) is not set, and ${halves.length ? `in the environment ${halves.join('; ')}` : 'the environment has no ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (nor the ALICLOUD_* or ALIBABACLOUD_* aliases)'}. Pass access-key-id and access-key-secret from secrets, set role-to-assume and oidc-provider-arn (with permissions: id-token: write), or run aliyun/configure-aliyun-credentials-action first.`, 'access-key-id');
}
