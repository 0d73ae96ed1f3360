// A stand-in for STS AssumeRoleWithOIDC (docs/reference/sae-api.md §10.3), served on the emulator's own port so the
// action can reach it over loopback http. It plays both the OIDC provider registered in RAM (issuer and
// client ids) and one RAM role's trust policy, and registers what it mints with the SAE side so later SAE
// calls signed with the temporary key pass. Codes and statuses follow the STS error-code page
// (AuthenticationFail.* are 401, InvalidParameter.* 400).
import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'node:querystring';
import type { GitHubOidc } from './github.js';
import type { Credential, ExtraHandler } from './types.js';
import { JSON_TYPE, send } from './util.js';

export interface StsRefusal {
  code: string;
  message?: string;
  /** Default 401 for AuthenticationFail.*, else 400. */
  status?: number;
  /** Refuse only this many calls, then answer normally again. Default: every call until `refuse(undefined)`. */
  times?: number;
}

export interface StsOptions {
  /** The token issuer the OIDC provider trusts: only tokens it signed pass. */
  issuer: Pick<GitHubOidc, 'verify'>;
  /** Makes minted credentials valid for SAE calls: pass `emulator.addCredential`. */
  register: (c: Credential) => void;
  /** Default 'acs:ram::123456789012:role/github-deploy'. */
  roleArn?: string;
  /** Default 'acs:ram::123456789012:oidc-provider/GitHub'. */
  providerArn?: string;
  /** The provider's client ids: allowed `aud` values. Default ['sts.aliyuncs.com']. */
  clientIds?: string[];
  /** The role trust policy's oidc:sub patterns (StringLike, `*` wildcard). Default ['repo:*']. */
  subjects?: string[];
  /** The role's MaxSessionDuration. Default 3600. */
  maxSessionSeconds?: number;
  /**
   * How long minted credentials last, whatever DurationSeconds asked (real STS never goes below 900 s):
   * lets a test outlive them in seconds. Default: DurationSeconds.
   */
  lifetimeSeconds?: number;
  /** Refuse every call with this code (also settable later with `refuse`). */
  refusal?: StsRefusal;
  /** The clock for token expiry and minted credentials (default Date.now; tests on a virtual clock pass it). */
  now?: () => number;
}

export interface Minted extends Credential {
  securityToken: string;
  expiration: string;
  roleSessionName: string;
  subject: string;
}

export interface StsEmulator {
  handler: ExtraHandler;
  roleArn: string;
  providerArn: string;
  /** Parameters of every AssumeRoleWithOIDC call (query and form merged), in order. */
  calls: Record<string, string>[];
  minted: Minted[];
  /** Scripts a refusal for the following calls (every one, or `times` of them); undefined stops refusing. */
  refuse(r: StsRefusal | undefined): void;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

const flat = (o: Record<string, string | string[] | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));

/** StringLike: `*` matches any run of characters. */
const like = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);

export function stsEmulator(opts: StsOptions): StsEmulator {
  const roleArn = opts.roleArn ?? 'acs:ram::123456789012:role/github-deploy';
  const providerArn = opts.providerArn ?? 'acs:ram::123456789012:oidc-provider/GitHub';
  const clientIds = opts.clientIds ?? ['sts.aliyuncs.com'];
  const subjects = opts.subjects ?? ['repo:*'];
  const maxSession = opts.maxSessionSeconds ?? 3600;
  let refusal = opts.refusal && { ...opts.refusal };
  const calls: Record<string, string>[] = [];
  const minted: Minted[] = [];

  const assume = (p: Record<string, string>): Record<string, unknown> => {
    const fail = (status: number, code: string, message: string): never => {
      throw new Refusal(status, code, message);
    };
    if (p.Version !== '2015-04-01')
      fail(400, 'InvalidVersion', `Specified parameter Version "${p.Version ?? ''}" is not valid.`);
    if (!TIMESTAMP.test(p.Timestamp ?? ''))
      fail(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    for (const name of ['OIDCProviderArn', 'RoleArn', 'OIDCToken', 'RoleSessionName']) {
      if (!p[name])
        fail(
          400,
          `MissingParameter`,
          `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
        );
    }
    if (!SESSION_NAME.test(p.RoleSessionName!))
      fail(400, 'InvalidParameter.RoleSessionName', 'The parameter RoleSessionName is wrongly formed.');
    const duration = Number(p.DurationSeconds ?? '3600');
    if (!Number.isInteger(duration) || duration < 900 || duration > maxSession) {
      fail(
        400,
        'InvalidParameter.DurationSeconds',
        `The Min/Max value of DurationSeconds is 15min/${maxSession / 60}min.`,
      );
    }
    if (refusal) {
      const r = refusal;
      if (r.times !== undefined && --r.times <= 0) refusal = undefined;
      fail(
        r.status ?? (r.code.startsWith('AuthenticationFail') ? 401 : 400),
        r.code,
        r.message ?? 'Refused (scripted).',
      );
    }
    if (p.OIDCProviderArn !== providerArn)
      fail(401, 'AuthenticationFail.NoPermission', 'No such OIDC Provider registered.');
    if (p.OIDCToken!.split('.').length !== 3)
      fail(
        401,
        'AuthenticationFail.OIDCToken.Invalid',
        "The number of Jwt field should be divided into 3 parts with '.' .",
      );
    const claims = opts.issuer.verify(p.OIDCToken!);
    if (!claims)
      fail(401, 'AuthenticationFail.OIDCToken.InvalidSignature', 'OIDC token validate failed: invalid signature.');
    const now = Math.floor((opts.now ?? Date.now)() / 1000);
    if (claims!.exp <= now) fail(401, 'AuthenticationFail.OIDCToken.Expired', 'This JsonWebToken is expired.');
    if (!clientIds.includes(claims!.aud))
      fail(401, 'AuthenticationFail.OIDCToken.AudienceNotMatch', 'Invalid audience.');
    if (p.RoleArn !== roleArn) fail(404, 'EntityNotExist.Role', 'The role not exists.');
    if (!subjects.some((s) => like(s, claims!.sub)))
      fail(401, 'AuthenticationFail.NoPermission', 'There is no permission');

    const c: Minted = {
      accessKeyId: `STS.${randomBytes(12).toString('base64url')}`,
      accessKeySecret: randomBytes(24).toString('base64url'),
      securityToken: `CAIS${randomBytes(96).toString('base64url')}`,
      expiration: new Date((now + (opts.lifetimeSeconds ?? duration)) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      roleSessionName: p.RoleSessionName!,
      subject: claims!.sub,
    };
    minted.push(c);
    opts.register({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken });
    const roleName = roleArn.split('/').pop();
    return {
      RequestId: randomUUID().toUpperCase(),
      Credentials: {
        AccessKeyId: c.accessKeyId,
        AccessKeySecret: c.accessKeySecret,
        SecurityToken: c.securityToken,
        Expiration: c.expiration,
      },
      AssumedRoleUser: {
        Arn: `${roleArn.replace(':role/', ':assumed-role/')}/${c.roleSessionName}`,
        AssumedRoleId: `3${randomBytes(8).toString('hex')}:${c.roleSessionName}`,
      },
      OIDCTokenInfo: {
        Issuer: claims!.iss,
        Subject: claims!.sub,
        ClientIds: claims!.aud,
        IssuanceTime: new Date(claims!.iat * 1000).toISOString(),
        ExpirationTime: new Date(claims!.exp * 1000).toISOString(),
        VerificationInfo: `Success: role ${roleName}`,
      },
    };
  };

  const handler: ExtraHandler = (req, res, body) => {
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const query = flat(parse(qi < 0 ? '' : url.slice(qi + 1)));
    if (query.Action !== 'AssumeRoleWithOIDC') return false;
    // The STS SDK puts the parameters in the query, @alicloud/credentials in a form body: both work.
    const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const p = { ...query, ...(isForm ? flat(parse(body)) : {}) };
    calls.push(p);
    try {
      send(res, 200, JSON_TYPE, JSON.stringify(assume(p)));
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      const requestId = randomUUID().toUpperCase();
      send(
        res,
        e.status,
        JSON_TYPE,
        JSON.stringify({
          RequestId: requestId,
          HostId: 'sts.aliyuncs.com',
          Code: e.code,
          Message: e.message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${e.code}&product=Sts&requestId=${requestId}`,
        }),
      );
    }
    return true;
  };

  return { handler, roleArn, providerArn, calls, minted, refuse: (r) => void (refusal = r && { ...r }) };
}
