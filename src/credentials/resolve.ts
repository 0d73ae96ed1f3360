// Where the credentials come from, in order: the explicit inputs, keyless OIDC login (role-to-assume
// with oidc-provider-arn), then the environment that aliyun/configure-aliyun-credentials-action exports.
// Explicit keys together with keyless login are refused (see resolveCredentials).
import type { InputName } from '../contract/action-inputs.js';
import type { Credentials, CredentialsProvider } from './types.js';
import { CredentialsError } from './credentials-error.js';
import { iso, renewingCredentials } from './renew.js';
import type { CredentialInputs } from '../inputs/credential-inputs.js';
import { assumeRoleWithOidc, defaultSessionName, type StsDeps } from './sts.js';

export interface ResolvedCredentials {
  /** Fixed keys (inputs, environment), or for keyless login a provider that renews them before they expire. */
  credentials: Credentials | CredentialsProvider;
  /** Where they came from, for the log (never the values). */
  source: string;
  /** Said before any request: an AccessKey id that does not look like one (already masked), and the input to point at. */
  warning?: { message: string; input: InputName };
}

/**
 * An AccessKey id: LTAI and letters and digits, STS. and letters and digits for a temporary key, or 16 letters and
 * digits (older keys). The formats are not documented (docs/reference/sae-api.md §6, [U]), so another shape is only
 * warned about: it is masked, since an id that does not look like one is most often the secret pasted into the wrong
 * place.
 */
const KEY_ID = /^(LTAI[A-Za-z0-9]{8,40}|STS\.[A-Za-z0-9]{8,128}|[A-Za-z0-9]{16})$/;

function oddKeyId(
  id: string,
  from: string,
  secretFrom: string,
  mask: (v: string) => void,
): ResolvedCredentials['warning'] {
  if (KEY_ID.test(id)) return undefined;
  mask(id);
  return {
    input: 'access-key-id',
    message: `${from} does not look like an AccessKey id (those start with LTAI, or STS. for a temporary key): it may be the secret, or another value, in the wrong place, so it is masked in this log. Check that ${from} holds the AccessKey id and ${secretFrom} its secret.`,
  };
}

// configure-aliyun-credentials-action exports all three families; '' counts as unset (its post step resets them to '').
const ENV_FAMILIES: ReadonlyArray<{ name: string; id: string; secret: string; token: string }> = [
  {
    name: 'ALIBABA_CLOUD_*',
    id: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    token: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  },
  { name: 'ALICLOUD_*', id: 'ALICLOUD_ACCESS_KEY', secret: 'ALICLOUD_SECRET_KEY', token: 'ALICLOUD_SECURITY_TOKEN' },
  {
    name: 'ALIBABACLOUD_*',
    id: 'ALIBABACLOUD_ACCESS_KEY_ID',
    secret: 'ALIBABACLOUD_ACCESS_KEY_SECRET',
    token: 'ALIBABACLOUD_SECURITY_TOKEN',
  },
];

export interface ResolveDeps extends StsDeps {
  /** The credential inputs, read with the settings (inputs/credential-inputs.ts). */
  inputs: CredentialInputs;
  env: NodeJS.ProcessEnv;
  /** Masks a value in every log line from now on. */
  mask: (value: string) => void;
  /** A line for the log (renewals of temporary credentials). */
  info?: (message: string) => void;
}

export async function resolveCredentials(d: ResolveDeps): Promise<ResolvedCredentials> {
  const {
    accessKeyId: id,
    accessKeySecret: secret,
    securityToken: token,
    roleToAssume: role,
    oidcProviderArn: provider,
  } = d.inputs;
  for (const v of [secret, token]) if (v) d.mask(v);

  // Keys and keyless login both given: refused rather than warned about. They name two identities with
  // different permissions, and whichever one silently won, the deploy would run as an identity the author
  // may not expect: the long-lived key that keyless login is meant to retire, while a broken role setup
  // goes unnoticed until the keys are removed (a warning on a green step is easily missed). Users of
  // aws-actions/configure-aws-credentials may also read keys plus a role as "assume the role with the keys",
  // which this action does not do. Failing costs one edit and happens before anything is sent.
  if ((id || secret || token) && (role || provider)) {
    const keys = [id && 'access-key-id', secret && 'access-key-secret', token && 'security-token']
      .filter(Boolean)
      .join(', ');
    const keyless = [role && 'role-to-assume', provider && 'oidc-provider-arn'].filter(Boolean).join(' and ');
    throw new CredentialsError(
      'Credentials.Conflict',
      `Both an AccessKey (${keys}) and keyless login (${keyless}) are set, so it is not clear which identity should deploy. Keep one: remove ${keys} to sign with the role through GitHub OIDC (recommended, nothing long-lived to leak), or remove ${keyless} to sign with the AccessKey.`,
      role ? 'role-to-assume' : 'oidc-provider-arn',
    );
  }

  // A security-token alone would otherwise be ignored silently and the run would sign with something else.
  if (id || secret || token) {
    if (!id || !secret) {
      const missing = id ? 'access-key-secret' : 'access-key-id';
      const given = [id && 'access-key-id', secret && 'access-key-secret', token && 'security-token']
        .filter(Boolean)
        .join(' and ');
      const both = !id && !secret ? 'access-key-id and access-key-secret are' : `${missing} is`;
      throw new CredentialsError(
        'Credentials.Incomplete',
        `${both} empty while ${given} ${given.includes(' and ') ? 'are' : 'is'} set: an AccessKey needs both halves (a security-token only goes with the temporary key it was issued for). Set ${missing} (from a secret), or remove ${given} to use the environment or keyless login.`,
        missing,
      );
    }
    return {
      credentials: { accessKeyId: id, accessKeySecret: secret, securityToken: token || undefined },
      source: 'the access-key-id and access-key-secret inputs',
      warning: oddKeyId(id, 'access-key-id', 'access-key-secret', d.mask),
    };
  }

  if (role || provider) {
    if (!role || !provider) {
      const missing = role ? 'oidc-provider-arn' : 'role-to-assume';
      throw new CredentialsError(
        'Credentials.Incomplete',
        `${missing} is empty while ${role ? 'role-to-assume' : 'oidc-provider-arn'} is set: keyless login needs both the RAM role ARN and the OIDC provider ARN. Set ${missing}, e.g. acs:ram::123456789012:${role ? 'oidc-provider/GitHub' : 'role/github-deploy'}.`,
        missing,
      );
    }
    const { stsEndpoint: endpoint, oidcAudience: audience } = d.inputs;
    const sessionName = d.inputs.roleSessionName || defaultSessionName(d.env);
    // Checked here so a typo fails before a token is fetched, not as an STS refusal.
    if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(sessionName)) {
      throw new CredentialsError(
        'Input.Invalid',
        `role-session-name "${sessionName}" is not accepted by STS: use 2–64 letters, digits or . @ - _, e.g. deploy-\${{ github.run_id }}, or leave it empty for the default.`,
        'role-session-name',
      );
    }
    // Every assumption fetches a new GitHub token (they last minutes) and masks what it gets.
    const assume = () =>
      assumeRoleWithOidc(d, { endpoint, roleArn: role, providerArn: provider, audience, sessionName });
    const first = await assume();
    const credentials = renewingCredentials({
      first,
      renew: assume,
      now: d.now ?? Date.now,
      onRenewed: (c) =>
        d.info?.(
          `Renewed the temporary credentials from keyless login (role ${role}); valid until ${iso(c.expiresAt)}.`,
        ),
      onRenewFailed: (e, c) =>
        d.info?.(
          `Renewing the temporary credentials from keyless login failed (${e.message}); the current ones stay in use until ${iso(c.expiresAt)} and renewal is tried again.`,
        ),
    });
    d.info?.(
      `Keyless login: STS issued temporary credentials for role ${role}, valid until ${iso(first.expiresAt)}; they are renewed shortly before they expire.`,
    );
    return { credentials, source: `keyless login (role ${role})` };
  }

  const halves: string[] = [];
  for (const f of ENV_FAMILIES) {
    const envId = d.env[f.id];
    const envSecret = d.env[f.secret];
    const envToken = d.env[f.token] || undefined;
    for (const v of [envSecret, envToken]) if (v) d.mask(v);
    if (envId && envSecret) {
      return {
        credentials: { accessKeyId: envId, accessKeySecret: envSecret, securityToken: envToken },
        source: `the ${f.name} environment variables`,
        warning: oddKeyId(envId, f.id, f.secret, d.mask),
      };
    }
    // Half a pair is almost always a typo in an env: block; saying which half saves a guess.
    if (envId || envSecret) halves.push(`${envId ? f.id : f.secret} is set but ${envId ? f.secret : f.id} is empty`);
  }
  throw new CredentialsError(
    'Credentials.Missing',
    `No credentials were found: access-key-id and access-key-secret are empty, keyless login (role-to-assume, oidc-provider-arn) is not set, and ${halves.length ? `in the environment ${halves.join('; ')}` : 'the environment has no ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (nor the ALICLOUD_* or ALIBABACLOUD_* aliases)'}. Pass access-key-id and access-key-secret from secrets, set role-to-assume and oidc-provider-arn (with permissions: id-token: write), or run aliyun/configure-aliyun-credentials-action first.`,
    'access-key-id',
  );
}
